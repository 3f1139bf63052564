import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import eupl from 'spdx-license-list/licenses/EUPL-1.2.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectThirdPartyPackages, isCompatibleLicence, renderThirdPartyLicences } from '../scripts/third-party-licences';
import { REPOSITORY_DIR } from './dockerfile';

// Amtsweg is open source under the EUPL-1.2: the licence text itself, every package saying so, and the list of
// third-party licences the image ships kept true to the lockfile.

/** Every package.json of the workspace: the root and each folder pnpm-workspace.yaml names. */
function listWorkspaceManifests(): string[] {
  const { packages } = parse(readFileSync(join(REPOSITORY_DIR, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
  const folders = packages.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(REPOSITORY_DIR, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(pattern.slice(0, -2), entry.name))
      : [pattern],
  );
  return ['package.json', ...folders.map((folder) => join(folder, 'package.json'))].filter((file) => existsSync(join(REPOSITORY_DIR, file)));
}

describe('open source under the EUPL-1.2', () => {
  it('has the official EUPL-1.2 text, word for word, in LICENSE', () => {
    expect(eupl.name).toBe('European Union Public License 1.2');
    const text = readFileSync(join(REPOSITORY_DIR, 'LICENSE'), 'utf8');
    expect(text).toBe(`${eupl.licenseText.trimEnd()}\n`);
  });

  it('states the licence in every package.json', () => {
    const manifests = listWorkspaceManifests();
    expect(manifests.length).toBeGreaterThanOrEqual(10);
    for (const file of manifests) {
      const manifest = JSON.parse(readFileSync(join(REPOSITORY_DIR, file), 'utf8')) as { license?: string };
      expect(manifest.license, file).toBe('EUPL-1.2');
    }
  });
});

describe('third-party licences', () => {
  const packages = collectThirdPartyPackages();

  it('keeps docs/third-party-licences.md up to date with the installed dependencies', () => {
    const committed = readFileSync(join(REPOSITORY_DIR, 'docs', 'third-party-licences.md'), 'utf8');
    expect(committed, 'out of date: run `pnpm licenses:third-party docs/third-party-licences.md`').toBe(renderThirdPartyLicences(packages));
  });

  it('lists what the image ships: the server’s production dependencies and the front ends’, no build tools', () => {
    const names = packages.map((item) => item.name);
    for (const shipped of ['fastify', '@node-rs/argon2', '@electric-sql/pglite', 'pg', 'pdfmake', 'react', 'react-dom', '@dnd-kit/core']) {
      expect(names, shipped).toContain(shipped);
    }
    for (const tool of ['tsx', 'vite', 'vitest', 'typescript', 'esbuild', 'eslint', 'playwright-core']) expect(names, tool).not.toContain(tool);
    expect(packages.find((item) => item.name === 'react')?.usedBy).toBe('front ends');
    expect(packages.find((item) => item.name === 'fastify')?.usedBy).toBe('server');
  });

  it('ships no package whose licence is incompatible with distributing it under the EUPL-1.2, or unknown', () => {
    expect(packages.filter((item) => !isCompatibleLicence(item.licence)).map((item) => `${item.name}: ${item.licence}`)).toEqual([]);
  });

  it('reads SPDX expressions: one compatible alternative is enough, every part of a conjunction must be', () => {
    expect(isCompatibleLicence('MIT')).toBe(true);
    expect(isCompatibleLicence('(MIT AND Zlib)')).toBe(true);
    expect(isCompatibleLicence('MIT or MPL-2.0')).toBe(true);
    expect(isCompatibleLicence('GPL-2.0-only OR Apache-2.0')).toBe(true);
    expect(isCompatibleLicence('GPL-3.0-only')).toBe(false);
    expect(isCompatibleLicence('MIT AND GPL-2.0-only')).toBe(false);
    expect(isCompatibleLicence('UNKNOWN')).toBe(false);
    expect(renderThirdPartyLicences([{ name: 'x', version: '1.0.0', licence: 'SSPL-1.0', homepage: undefined, usedBy: 'server' }])).toContain(
      '## Needs review\n\n- x 1.0.0: SSPL-1.0',
    );
  });
});
