import { basename } from 'node:path';

/**
 * How to call pnpm from a script: the pnpm that runs it (`npm_execpath`, which also works where pnpm is not on
 * PATH, as under CI's `npx pnpm@…`), or else `pnpm` from PATH.
 *
 * @example
 * const pnpm = findPnpm();
 * execFileSync(pnpm.command, [...pnpm.args, 'install'], { stdio: 'inherit' });
 */
export function findPnpm(env: NodeJS.ProcessEnv = process.env): { command: string; args: string[] } {
  const execPath = env.npm_execpath;
  if (execPath && basename(execPath).startsWith('pnpm')) return { command: process.execPath, args: [execPath] };
  return { command: 'pnpm', args: [] };
}
