import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The server for production: its own code and the workspace packages (which export TypeScript sources) bundled
// into plain JavaScript that `node` runs without tsx; every third-party package stays external and is installed
// beside the bundle as a production dependency (native @node-rs/argon2, PGlite's wasm and data files, pdfmake's
// fonts, @fastify/swagger-ui's assets all read files relative to themselves and would break inside a bundle).
// The Dockerfile's build stage runs this through `pnpm build:production`; so does test/production-build.test.ts.

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE_SCOPE = '@amtsweg/';

/**
 * What is built: one `dist/<name>.js` for each `src/<…>/<name>.ts` that a script of the server's package.json
 * runs with tsx: `dist/server.js` (`start`) and the command-line tools (`admin:create` runs
 * `src/cli/admin-cli.ts`, so the image has `node dist/admin-cli.js create …`). A new tool with its pnpm script is
 * built without changing this file. Each entry is self-contained (no shared chunks), so `import.meta.url` in it
 * is the entry's own file: `config.ts` finds the front ends at `../../<front end>/dist` from `apps/server/dist/`,
 * the same relative place as from `apps/server/src/`.
 */
export function listEntryPoints(serverDir: string): Record<string, string> {
  const { scripts = {} } = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const entries: Record<string, string> = {};
  for (const script of Object.values(scripts)) {
    const source = /^tsx (src\/[\w./-]+\.ts)(?:\s|$)/.exec(script)?.[1];
    if (source === undefined) continue;
    entries[basename(source, '.ts')] = join(serverDir, source);
  }
  if (!entries.server) throw new Error('no script runs src/server.ts');
  return entries;
}

/** The package an import specifier names: `pdfmake/fonts` → `pdfmake`, `@fastify/static/x` → `@fastify/static`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const NODE_BUILTINS = new Set(builtinModules);

/**
 * The specifier `node` resolves as the bundler did. A package without an `exports` map is resolved by file, and
 * Node's ESM loader adds no extension (`ajv/dist/2020` must become `ajv/dist/2020.js`); with a map, or for the
 * package itself, the specifier stays as written.
 */
export function resolveExternalSpecifier(specifier: string, importer: string): string {
  const name = packageNameOf(specifier);
  if (name === specifier) return specifier;
  const require = createRequire(importer);
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    return specifier; // an `exports` map that hides package.json: Node resolves the subpath through the map
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown };
  if (manifest.exports !== undefined) return specifier;
  const file = relative(dirname(manifestPath), require.resolve(specifier)).split(sep).join('/');
  return `${name}/${file}`;
}

// Bare imports of anything but our workspace packages stay imports; relative ones and @amtsweg/* are bundled.
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith(WORKSPACE_SCOPE)) return undefined;
      if (args.path.startsWith('node:') || NODE_BUILTINS.has(args.path)) return { path: args.path, external: true };
      return { path: resolveExternalSpecifier(args.path, args.importer), external: true };
    });
  },
};

interface PackageManifest {
  name: string;
  dependencies?: Record<string, string>;
}

function readManifest(packageDir: string): PackageManifest {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
}

/**
 * The third-party packages the server may import at run time: the production dependencies of the server and
 * of the workspace packages it depends on (transitively), which `pnpm deploy --prod` installs beside the bundle.
 */
export function listProductionPackages(serverDir: string): Set<string> {
  const allowed = new Set<string>();
  const visited = new Set<string>();
  const visit = (packageDir: string): void => {
    const manifest = readManifest(packageDir);
    if (visited.has(manifest.name)) return;
    visited.add(manifest.name);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (name.startsWith(WORKSPACE_SCOPE)) visit(join(packageDir, 'node_modules', name));
      else allowed.add(name);
    }
  };
  visit(serverDir);
  return allowed;
}

/** The external packages a build imports that are not production dependencies (each would fail at run time). */
export function findUndeclaredImports(metafile: Metafile, allowed: ReadonlySet<string>): string[] {
  const undeclared = new Set<string>();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || imported.path.startsWith('node:')) continue;
      const name = packageNameOf(imported.path);
      if (!NODE_BUILTINS.has(name) && !allowed.has(name)) undeclared.add(name);
    }
  }
  return [...undeclared].sort();
}

/** Builds `dist/` of the server directory; fails on any import of a package that production would not have. */
export async function buildServer(serverDir: string = SERVER_DIR): Promise<string[]> {
  const outdir = join(serverDir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = listEntryPoints(serverDir);
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [externalThirdParty],
  });
  const undeclared = findUndeclaredImports(result.metafile, listProductionPackages(serverDir));
  if (undeclared.length > 0) {
    throw new Error(`The server imports packages that are not production dependencies: ${undeclared.join(', ')}`);
  }
  return Object.keys(entryPoints).map((name) => join(outdir, `${name}.js`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await buildServer();
  console.log(`built ${files.join(', ')}`);
}
