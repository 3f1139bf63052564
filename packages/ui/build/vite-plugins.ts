// Build conventions every Amtsweg front end shares (portal, inbox, studio).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Lists the modules in each chunk (`.vite/chunk-modules.json`), so `pnpm bench:bundle` and the tests can show
 * what a form page loads — and that no editor code (dnd-kit, Studio, Inbox) is among it.
 */
export function chunkModules(): Plugin {
  return {
    name: 'amtsweg-chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const root = new URL('../../..', import.meta.url).pathname;
      const chunks = Object.fromEntries(
        Object.values(bundle)
          .filter((output) => output.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk.moduleIds.map((id) => id.replace(root, '').replace(/^\0/, ''))]),
      );
      this.emitFile({ type: 'asset', fileName: '.vite/chunk-modules.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

/**
 * Writes a .gz and a .br next to every script, style and page of the build; the server sends them as they
 * are (`@fastify/static` preCompressed), so an old phone downloads the small file and the server compresses
 * nothing at run time. It runs once the files are written: until then Vite still rewrites parts of the chunks.
 */
export function precompress(): Plugin {
  return {
    name: 'amtsweg-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      await Promise.all(
        Object.keys(bundle)
          .filter((fileName) => /\.(js|css|html|svg|json)$/.test(fileName))
          .map(async (fileName) => {
            const bytes = await readFile(join(dir, fileName));
            const [gz, br] = await Promise.all([
              gzipAsync(bytes, { level: 9 }),
              brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            ]);
            await Promise.all([writeFile(join(dir, `${fileName}.gz`), gz), writeFile(join(dir, `${fileName}.br`), br)]);
          }),
      );
    },
  };
}
