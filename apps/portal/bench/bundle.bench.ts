/**
 * `pnpm bench:bundle`: builds the portal and adds up what a browser downloads for a form page — the entry
 * script, the form page's chunk and every chunk they import (statically, transitively), plus the stylesheet —
 * gzip (level 9) and brotli, as the server sends them — next to the same figures for Form.io's form renderer
 * and SurveyJS's core bundle, read from their npm packages. Prints each file, the totals, the ratio to the
 * 100 KB target and to the peers, writes its block into docs/benchmarks.md, and fails if editor code
 * (dnd-kit, Studio, Inbox) is among the form page's modules.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { reportSection } from '../../../tests/support/bench-report';
import { formPageFiles, PORTAL_ROOT } from './form-page-files';

const TARGET_KB = 100;
// The peers' browser bundles as their packages ship them (minified, everything included that a page needs
// besides a UI framework): Form.io's renderer draws forms by itself; SurveyJS's core is the model and logic, and
// draws nothing without one of its UI packages (survey-js-ui, survey-react-ui) on top.
const PEERS = [
  { name: 'Form.io form renderer', packageName: '@formio/js', file: 'dist/formio.form.min.js', note: 'renders by itself' },
  { name: 'SurveyJS core', packageName: 'survey-core', file: 'survey.core.min.js', note: 'needs a UI package besides' },
].map((peer) => {
  // Read from the installed package's folder: their `exports` maps hide both files from module resolution.
  const folder = join(PORTAL_ROOT, 'node_modules', peer.packageName);
  const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };
  return { ...peer, version: `${peer.packageName} ${version}`, ...sizes(readFileSync(join(folder, peer.file))) };
});

function sizes(bytes: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

if (!process.argv.includes('--no-build')) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: PORTAL_ROOT, stdio: 'inherit' });
}
const { scripts, styles, modules } = formPageFiles();
const editorCode = modules.filter((id) => /@dnd-kit|apps\/(studio|inbox)\//.test(id));

const rows = [...scripts, ...styles].map((file) => {
  return { file, ...sizes(readFileSync(join(PORTAL_ROOT, 'dist', file))), script: file.endsWith('.js') };
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
for (const peer of PEERS) console.log(`${peer.name} (${peer.version}): ${kb(peer.gzip)} KB gzip, ${(peer.gzip / jsGzip).toFixed(1)}× Amtsweg's form page`);
console.log(`Modules in the form page: ${modules.length}; editor code among them: ${editorCode.length === 0 ? 'none' : editorCode.join(', ')}`);
if (editorCode.length > 0) process.exitCode = 1;

const jsRaw = sum((row) => row.raw, true);
const jsBrotli = sum((row) => row.brotli, true);
reportSection(
  {
    id: 'bundle',
    command: 'pnpm bench:bundle',
    versions: PEERS.map((peer) => peer.version),
    body: [
      '| JavaScript a browser downloads | raw KB | gzip KB | brotli KB | gzip, × Amtsweg |',
      '| --- | --- | --- | --- | --- |',
      `| **Amtsweg form page** (React, React DOM, shell, texts, form page, renderer; ${modules.length} modules) | ${kb(jsRaw)} | **${kb(jsGzip)}** | ${kb(jsBrotli)} | 1.0 |`,
      ...PEERS.map((peer) => `| ${peer.name}, \`${peer.file.split('/').pop()}\` (${peer.note}) | ${kb(peer.raw)} | ${kb(peer.gzip)} | ${kb(peer.brotli)} | ${(peer.gzip / jsGzip).toFixed(1)} |`),
      '',
      `Target under ${TARGET_KB} KB gzip for a form page: ${jsGzip / 1024 <= TARGET_KB ? 'met' : '**not met**'} (${(jsGzip / 1024 / TARGET_KB).toFixed(2)} of the budget). ` +
        'The peers\' figures are their bundles alone, without the UI framework or page around them; Amtsweg\'s include React and the whole page.',
    ].join('\n'),
  },
  'Front-end weight against peers',
);
