/**
 * `pnpm bench:bundle`: builds the portal and adds up what a browser downloads for a form page — the entry
 * script, the form page's chunk and every chunk they import (statically, transitively), plus the stylesheet —
 * gzip (level 9) and brotli, as the server sends them. Prints each file, the totals, the ratio to the
 * 100 KB target and to the renderers named in the issue, and fails if editor code (dnd-kit, Studio, Inbox)
 * is among the form page's modules.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { formPageFiles, PORTAL_ROOT } from './form-page-files';

const TARGET_KB = 100;
// Published figures quoted in the issue (gzip): Form.io's renderer and SurveyJS's core.
const PEERS = [
  { name: 'Form.io renderer (formio.form.min.js)', kb: 423 },
  { name: 'SurveyJS core (survey.core.min.js)', kb: 327 },
];

if (!process.argv.includes('--no-build')) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: PORTAL_ROOT, stdio: 'inherit' });
}
const { scripts, styles, modules } = formPageFiles();
const editorCode = modules.filter((id) => /@dnd-kit|apps\/(studio|inbox)\//.test(id));

const rows = [...scripts, ...styles].map((file) => {
  const bytes = readFileSync(join(PORTAL_ROOT, 'dist', file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    script: file.endsWith('.js'),
  };
});
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log(`Form page of the portal (${new Date().toISOString().slice(0, 10)}, node ${process.version})\n`);
console.log('file'.padEnd(48), 'raw KB'.padStart(8), 'gzip KB'.padStart(8), 'br KB'.padStart(8));
for (const row of rows) console.log(row.file.padEnd(48), kb(row.raw).padStart(8), kb(row.gzip).padStart(8), kb(row.brotli).padStart(8));
const sum = (pick: (row: (typeof rows)[number]) => number, scriptsOnly: boolean) => rows.filter((row) => !scriptsOnly || row.script).reduce((total, row) => total + pick(row), 0);
const jsGzip = sum((row) => row.gzip, true);
console.log('\nJavaScript:', `${kb(sum((row) => row.raw, true))} KB raw, ${kb(jsGzip)} KB gzip, ${kb(sum((row) => row.brotli, true))} KB brotli`);
console.log('With CSS:  ', `${kb(sum((row) => row.raw, false))} KB raw, ${kb(sum((row) => row.gzip, false))} KB gzip, ${kb(sum((row) => row.brotli, false))} KB brotli`);
console.log(`\nTarget ${TARGET_KB} KB gzip JavaScript: ${(jsGzip / 1024 / TARGET_KB).toFixed(2)} of the budget (${jsGzip / 1024 <= TARGET_KB ? 'met' : 'NOT met'})`);
for (const peer of PEERS) console.log(`${peer.name}: ${peer.kb} KB gzip, ${(peer.kb / (jsGzip / 1024)).toFixed(1)}× Amtsweg's form page`);
console.log(`Modules in the form page: ${modules.length}; editor code among them: ${editorCode.length === 0 ? 'none' : editorCode.join(', ')}`);
if (editorCode.length > 0) process.exitCode = 1;
