import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../src/config';
import { argumentsOf, COMPOSE_FILE, environmentOf, execFormOf, lastArgumentOf, parseDockerfile, readDockerfile, REPOSITORY_DIR } from './dockerfile';

// What can be checked of the image and of compose without Docker (there is none on the development and CI
// machines): the files themselves. production-build.test.ts runs what the Dockerfile runs.

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[]; interval?: string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  restart?: string;
  ports?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(COMPOSE_FILE, 'utf8')) as ComposeFile;
const stages = readDockerfile();
const finalStage = stages.at(-1)!;
const buildStage = stages.find((stage) => stage.name === 'build')!;

/** Every environment variable the server's configuration reads, found by reading it through a recording proxy. */
function listConfigVariables(): Set<string> {
  const names = new Set<string>();
  const record = (values: Record<string, string>) =>
    new Proxy(values, {
      get(target, key) {
        if (typeof key === 'string') names.add(key);
        return target[key as string];
      },
    });
  readConfig(record({}));
  // Variables read only when others are set (the administrator's name with an e-mail address).
  readConfig(record({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'Ein-langes-Passwort-2026' }));
  return names;
}

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL 16 and the server built from docker/Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'server']);
    expect(compose.services.postgres!.image).toMatch(/^postgres:16(\.|$|-)/);
    expect(compose.services.server!.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it('gives both services a health check and a restart policy, and starts the server once PostgreSQL is healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.restart, name).toMatch(/^(always|unless-stopped|on-failure)/);
    }
    expect(compose.services.postgres!.healthcheck!.test).toContain('pg_isready -U amtsweg -d amtsweg');
    expect(compose.services.server!.healthcheck!.test.join(' ')).toContain('/api/health');
    expect(compose.services.server!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('refuses to start without SERVER_SECRET and a database password', () => {
    const server = compose.services.server!.environment!;
    expect(server.SERVER_SECRET).toMatch(/^\$\{SERVER_SECRET:\?.+\}$/);
    expect(compose.services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(server.DATABASE_URL).toBe('postgres://amtsweg:${POSTGRES_PASSWORD}@postgres:5432/amtsweg');
  });

  it('seeds no demo data: SEED_DEMO is not set, so it stays false on PostgreSQL', () => {
    expect(compose.services.server!.environment).not.toHaveProperty('SEED_DEMO');
    expect(readConfig({ DATABASE_URL: 'postgres://amtsweg@postgres/amtsweg' }).seedDemo).toBe(false);
  });

  it('keeps the data in named volumes', () => {
    expect(compose.services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(compose.services.server!.volumes).toContain('server-data:/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['postgres-data', 'server-data']);
  });

  it('sets only variables the server reads, each documented in docker/.env.example', () => {
    const read = listConfigVariables();
    const example = readFileSync(`${REPOSITORY_DIR}/docker/.env.example`, 'utf8');
    for (const name of Object.keys(compose.services.server!.environment!)) {
      expect(read, `${name} is not read by readConfig`).toContain(name);
    }
    // Every variable compose takes from .env is explained there.
    const fromEnvFile = new Set([...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]!));
    for (const name of fromEnvFile) expect(example, `${name} is missing in .env.example`).toMatch(new RegExp(`^${name}=`, 'm'));
    for (const name of ['SERVER_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'ADMIN_PASSWORD_FILE', 'ORGANISATION_NAME', 'PUBLIC_URL', 'SMTP_URL', 'MAIL_FROM', 'TRUST_PROXY', 'POSTGRES_PASSWORD']) {
      expect(fromEnvFile, name).toContain(name);
    }
  });
});

describe('docker/Dockerfile', () => {
  it('builds in a stage of its own with the shared production build script', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(buildStage).toBeDefined();
    const runs = argumentsOf(buildStage, 'RUN');
    expect(runs).toContain('pnpm install --frozen-lockfile');
    const build = runs.find((run) => run.startsWith('pnpm build:production '));
    expect(build).toBe('pnpm build:production /out');
    const scripts = (JSON.parse(readFileSync(`${REPOSITORY_DIR}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['build:production']).toBe('pnpm --filter @amtsweg/server run build:production');
    const serverScripts = (JSON.parse(readFileSync(`${REPOSITORY_DIR}/apps/server/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(serverScripts['build:production']).toBe('tsx scripts/build-production.ts');
  });

  it('runs the bundle with plain node as a user other than root, with the built files only', () => {
    expect(finalStage.name).toBeUndefined();
    expect(argumentsOf(finalStage, 'COPY')).toEqual(['--from=build /out /app']);
    const user = lastArgumentOf(finalStage, 'USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(execFormOf(lastArgumentOf(finalStage, 'CMD'))).toEqual(['node', '--enable-source-maps', 'dist/server.js']);
    expect(lastArgumentOf(finalStage, 'WORKDIR')).toBe('/app/apps/server');
    const finalText = finalStage.instructions.map((instruction) => `${instruction.keyword} ${instruction.argument}`).join('\n');
    expect(finalText).not.toMatch(/\btsx\b|pnpm install|npm install/);
  });

  it('checks its health with node’s fetch against /api/health', () => {
    const healthcheck = lastArgumentOf(finalStage, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const command = execFormOf(/CMD (\[.*\])$/.exec(healthcheck!)?.[1]);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health')");
  });

  it('listens on all interfaces and keeps its data in the /data volume, in variables the server reads', () => {
    const environment = environmentOf(finalStage);
    expect(environment).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', DATA_DIR: '/data/pglite', MAIL_DIR: '/data/mail' });
    expect(argumentsOf(finalStage, 'VOLUME')).toEqual(['/data']);
    const read = listConfigVariables();
    for (const name of Object.keys(environment).filter((key) => key !== 'NODE_ENV')) expect(read, name).toContain(name);
  });

  it('is parsed as Docker reads it: comments, continuations and stages', () => {
    const parsed = parseDockerfile('# c\nFROM a AS one\nRUN x \\\n  y\nFROM b\nUSER node\nCMD ["node"]\n');
    expect(parsed).toEqual([
      { image: 'a', name: 'one', instructions: [{ keyword: 'RUN', argument: 'x y' }] },
      { image: 'b', name: undefined, instructions: [{ keyword: 'USER', argument: 'node' }, { keyword: 'CMD', argument: '["node"]' }] },
    ]);
  });
});
