import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from './build';
import { findPnpm } from './pnpm-command';
import { collectThirdPartyPackages, renderThirdPartyLicences } from './third-party-licences';

// Everything the production image runs, assembled into one folder (`pnpm build:production /out`): the Dockerfile's
// build stage calls it and its run stage copies that folder to /app as it is; test/production-build.test.ts does
// the same in a temporary folder and starts the server from there.
//
//   <out>/apps/server/dist/server.js       the bundled server (and dist/<tool>.js per command-line tool)
//   <out>/apps/server/node_modules/        production dependencies only (`pnpm deploy --prod`), flat
//   <out>/apps/server/package.json
//   <out>/apps/<front end>/dist/           portal, inbox, studio, admin (`vite build`)
//   <out>/LICENSE, <out>/THIRD-PARTY-LICENSES.md
//
// The layout keeps the workspace's relative places, so the bundle finds the front ends as the sources do.

const WORKSPACE_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const SERVER_DIR = join(WORKSPACE_DIR, 'apps', 'server');

/** The front ends served by the server, each built with its own `vite build`. */
export const FRONT_ENDS = ['portal', 'inbox', 'studio', 'admin'] as const;

function runPnpm(args: readonly string[], cwd: string): void {
  const pnpm = findPnpm();
  execFileSync(pnpm.command, [...pnpm.args, ...args], { cwd, stdio: 'inherit' });
}

/** Builds and assembles the production files into `outDir`, which must not exist or be empty. */
export async function buildProduction(outDir: string): Promise<void> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty`);
  mkdirSync(outDir, { recursive: true });

  runPnpm([...FRONT_ENDS.flatMap((name) => ['--filter', `@amtsweg/${name}`]), 'run', 'build'], WORKSPACE_DIR);
  await buildServer(SERVER_DIR);

  // Production dependencies only, in a flat node_modules (the bundle imports the workspace packages' own
  // dependencies, such as PGlite and pg, by name from apps/server/dist). Deployed from the workspace's lockfile
  // (`inject-workspace-packages`), which needs nothing but the store: the legacy deploy resolved versions again
  // and failed offline wherever the registry's metadata was not cached.
  const staging = join(outDir, '.deploy');
  runPnpm(['--filter', '@amtsweg/server', 'deploy', '--prod', '--config.inject-workspace-packages=true', '--config.node-linker=hoisted', staging], WORKSPACE_DIR);
  const server = join(outDir, 'apps', 'server');
  mkdirSync(server, { recursive: true });
  renameSync(join(staging, 'node_modules'), join(server, 'node_modules'));
  renameSync(join(staging, 'package.json'), join(server, 'package.json'));
  rmSync(staging, { recursive: true, force: true });
  cpSync(join(SERVER_DIR, 'dist'), join(server, 'dist'), { recursive: true });

  for (const name of FRONT_ENDS) {
    cpSync(join(WORKSPACE_DIR, 'apps', name, 'dist'), join(outDir, 'apps', name, 'dist'), { recursive: true });
  }
  copyFileSync(join(WORKSPACE_DIR, 'LICENSE'), join(outDir, 'LICENSE'));
  writeFileSync(join(outDir, 'THIRD-PARTY-LICENSES.md'), renderThirdPartyLicences(collectThirdPartyPackages(WORKSPACE_DIR)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv[2];
  if (!target) throw new Error('usage: pnpm build:production <output folder>');
  // Relative to where `pnpm build:production` was called, not to apps/server.
  const outDir = resolve(process.env.INIT_CWD ?? process.cwd(), target);
  await buildProduction(outDir);
  console.log(`production files in ${outDir}`);
}
