import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { findUndeclaredImports, listEntryPoints, listProductionPackages, packageNameOf, resolveExternalSpecifier } from '../scripts/build';

// The rules of the server bundle; production-build.test.ts runs the bundle itself.

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const A_SOURCE_FILE = fileURLToPath(new URL('../../../packages/definitions/src/index.ts', import.meta.url));

describe('the server bundle', () => {
  it('builds the server and every tool a package script runs from src/', () => {
    const entries = listEntryPoints(SERVER_DIR);
    expect(entries.server).toBe(`${SERVER_DIR}src/server.ts`);
    for (const [name, file] of Object.entries(entries)) {
      expect(existsSync(file), name).toBe(true);
      expect(file).toMatch(/\/src\//);
    }
  });

  it('names the package of an import', () => {
    expect(packageNameOf('fastify')).toBe('fastify');
    expect(packageNameOf('ajv/dist/2020')).toBe('ajv');
    expect(packageNameOf('@fastify/static')).toBe('@fastify/static');
    expect(packageNameOf('@electric-sql/pglite/vector')).toBe('@electric-sql/pglite');
  });

  it('writes a subpath of a package without an exports map as the file Node’s ESM loader needs', () => {
    expect(resolveExternalSpecifier('ajv/dist/2020', A_SOURCE_FILE)).toBe('ajv/dist/2020.js');
    expect(resolveExternalSpecifier('ajv', A_SOURCE_FILE)).toBe('ajv');
  });

  it('allows at run time only the production dependencies of the server and of the workspace packages it uses', () => {
    const allowed = listProductionPackages(SERVER_DIR);
    for (const name of ['fastify', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'xstate', 'ibantools']) expect(allowed, name).toContain(name);
    for (const name of ['tsx', 'vitest', 'esbuild', 'typescript', 'mailparser', 'oidc-provider']) expect(allowed, name).not.toContain(name);
  });

  it('refuses a build that imports a development dependency', () => {
    const metafile: Metafile = {
      inputs: {
        'src/a.ts': {
          bytes: 1,
          imports: [
            { path: 'fastify', kind: 'import-statement', external: true },
            { path: 'node:fs', kind: 'import-statement', external: true },
            { path: 'crypto', kind: 'import-statement', external: true },
            { path: 'mailparser/lib/x.js', kind: 'import-statement', external: true },
            { path: 'src/b.ts', kind: 'import-statement' },
          ],
        },
      },
      outputs: {},
    };
    expect(findUndeclaredImports(metafile, new Set(['fastify']))).toEqual(['mailparser']);
  });
});
