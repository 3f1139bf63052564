import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '@amtsweg/db';
import { readDatabaseLocation } from '../config';
import { InstallationError } from '../install/installation-error';
import { openInstallationDatabase } from '../install/open-installation-database';
import { createAdministrator, resetAdministratorPassword } from './admin-commands';
import { readNewPassword } from './read-password';

// Administration of an installation from its machine, for what the web administration cannot do yet or any
// more: the first administrator, and a lost administrator password. Runs on the same database as the server
// (DATABASE_URL, else DATA_DIR, whose server must be stopped first).

const USAGE = `Usage:
  pnpm --filter @amtsweg/server admin:create --email <address> --organisation <slug>
       [--name "Display name"] [--organisation-name "Stadt X"] [--operator]
  pnpm --filter @amtsweg/server admin:reset-password --email <address> --organisation <slug> [--reset-second-factor]

The password is read from stdin when it is not a terminal (printf '%s' "$PASSWORD" | pnpm …),
else asked twice without echo. The database is DATABASE_URL, else the embedded one in DATA_DIR
(default .data/pglite; stop the server first).
  --organisation-name  creates the organisation under this name if no organisation has the slug
  --operator           adds the operator role (may create further organisations)
  --reset-second-factor  also removes the account's second factor (it enrols again at login)`;

const OPTIONS = {
  email: { type: 'string' },
  organisation: { type: 'string' },
  name: { type: 'string' },
  'organisation-name': { type: 'string' },
  operator: { type: 'boolean' },
  'reset-second-factor': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** Runs one command; answers the exit code. Messages go to stderr, the result to stdout. */
async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `pnpm run x -- --flag` may pass the separator through.
  const args = rest[0] === '--' ? rest.slice(1) : rest;
  if (command !== 'create' && command !== 'reset-password') {
    process.stderr.write(`${command === undefined ? 'No command given' : `Unknown command "${command}"`}.\n\n${USAGE}\n`);
    return 2;
  }
  let values: { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  try {
    values = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const missing = (['email', 'organisation'] as const).filter((name) => !values[name]);
  if (missing.length > 0) {
    process.stderr.write(`Missing ${missing.map((name) => `--${name}`).join(' and ')}.\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'reset-password' && (values.name || values['organisation-name'] || values.operator)) {
    process.stderr.write(`admin:reset-password takes --email, --organisation and --reset-second-factor only.\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'create' && values['reset-second-factor']) {
    process.stderr.write(`--reset-second-factor belongs to admin:reset-password.\n\n${USAGE}\n`);
    return 2;
  }

  let database: DatabaseHandle | undefined;
  try {
    const password = await readNewPassword({ input: process.stdin, prompt: process.stderr });
    database = await openInstallationDatabase(readDatabaseLocation(), {
      program: `admin:${command}`,
      onStaleLock: (owner, file, reason) => process.stderr.write(`Warning: took over ${file}, left by pid ${owner?.pid ?? '?'}: ${reason}.\n`),
    });
    if (command === 'create') {
      const created = await createAdministrator(database, {
        email: values.email!,
        organisation: values.organisation!,
        displayName: values.name,
        organisationName: values['organisation-name'],
        operator: values.operator,
        password,
      });
      if (created.organisationCreated) process.stdout.write(`Created organisation "${created.organisation.slug}" (${created.organisation.name}).\n`);
      process.stdout.write(`Created administrator account ${created.user.id} (roles: ${created.user.roles.join(', ')}) in "${created.organisation.slug}".\n`);
    } else {
      const user = await resetAdministratorPassword(database, {
        email: values.email!,
        organisation: values.organisation!,
        password,
        resetSecondFactor: values['reset-second-factor'],
      });
      process.stdout.write(`Set a new password for account ${user.id}; its sessions were ended and its lock cleared.\n`);
      if (values['reset-second-factor']) process.stdout.write('Its second factor was removed: it enrols a new one at the next login.\n');
      if (user.disabled_at) process.stdout.write('Note: the account is disabled; another administrator enables it in the administration.\n');
    }
    return 0;
  } catch (error) {
    process.stderr.write(error instanceof InstallationError ? `${error.message}\n` : `Failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
  }
}

process.exitCode = await runCli(process.argv.slice(2));
