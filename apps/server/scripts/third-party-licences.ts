import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPnpm } from './pnpm-command';

// The licences of what the production image ships: the server's production dependencies (installed beside its
// bundle) and the run-time dependencies bundled into the four front ends, read by `pnpm licenses list --prod`
// from the installed packages (no network). Written into the image as /app/THIRD-PARTY-LICENSES.md and committed
// as docs/third-party-licences.md (test/third-party-licences.test.ts fails when that copy is out of date).

const WORKSPACE_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/** The workspace packages whose production dependencies the image ships, with the `...` of their own ones. */
export const SHIPPED = {
  server: ['@amtsweg/server'],
  frontEnds: ['@amtsweg/portal', '@amtsweg/inbox', '@amtsweg/studio', '@amtsweg/admin'],
} as const;

/**
 * Licences that may be distributed together with EUPL-1.2 code: permissive ones, and MPL-2.0 (file-level
 * copyleft, met because every shipped package keeps its source). Anything else is listed under
 * "Needs review" and fails the test: GPL-family licences, which EUPL-1.2 code cannot be combined with in one
 * distribution without relicensing, and unknown ones.
 */
export const COMPATIBLE_LICENCES: ReadonlySet<string> = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
]);

export interface ThirdPartyPackage {
  name: string;
  version: string;
  licence: string;
  homepage: string | undefined;
  /** Where the image ships it. */
  usedBy: 'server' | 'front ends' | 'server and front ends';
}

interface PnpmLicenceEntry {
  name: string;
  versions: string[];
  license: string;
  homepage?: string;
}

function listProductionLicences(workspaceDir: string, packages: readonly string[]): Map<string, PnpmLicenceEntry> {
  const filters = packages.flatMap((name) => ['--filter-prod', `${name}...`]);
  const pnpm = findPnpm();
  const output = execFileSync(pnpm.command, [...pnpm.args, ...filters, 'licenses', 'list', '--prod', '--json'], {
    cwd: workspaceDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const byLicence = JSON.parse(output) as Record<string, PnpmLicenceEntry[]>;
  const entries = new Map<string, PnpmLicenceEntry>();
  for (const entry of Object.values(byLicence).flat()) {
    if (!entry.name.startsWith('@amtsweg/')) entries.set(entry.name, entry);
  }
  return entries;
}

/** Every third-party package the image ships, sorted by name. */
export function collectThirdPartyPackages(workspaceDir: string = WORKSPACE_DIR): ThirdPartyPackage[] {
  const server = listProductionLicences(workspaceDir, SHIPPED.server);
  const frontEnds = listProductionLicences(workspaceDir, SHIPPED.frontEnds);
  const names = [...new Set([...server.keys(), ...frontEnds.keys()])].sort();
  return names.map((name) => {
    const entry = (server.get(name) ?? frontEnds.get(name))!;
    const versions = [...new Set([...(server.get(name)?.versions ?? []), ...(frontEnds.get(name)?.versions ?? [])])].sort();
    return {
      name,
      version: versions.join(', '),
      licence: entry.license,
      homepage: entry.homepage,
      usedBy: server.has(name) && frontEnds.has(name) ? 'server and front ends' : server.has(name) ? 'server' : 'front ends',
    };
  });
}

/**
 * Whether an SPDX expression lets us distribute the package with EUPL-1.2 code: one alternative of an `OR`
 * whose every `AND` part is compatible. `(MIT AND Zlib)` and `MIT or MPL-2.0` are; `GPL-3.0` and `UNKNOWN` are not.
 */
export function isCompatibleLicence(expression: string): boolean {
  const alternatives = expression.replace(/[()]/g, ' ').split(/\s+OR\s+/i);
  return alternatives.some((alternative) =>
    alternative
      .split(/\s+AND\s+/i)
      .map((part) => part.trim())
      .every((part) => COMPATIBLE_LICENCES.has(part)),
  );
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown list: summary by licence, what needs review, then every package. */
export function renderThirdPartyLicences(packages: readonly ThirdPartyPackage[]): string {
  const byLicence = new Map<string, number>();
  for (const item of packages) byLicence.set(item.licence, (byLicence.get(item.licence) ?? 0) + 1);
  const review = packages.filter((item) => !isCompatibleLicence(item.licence));
  const lines = [
    '# Third-party licences',
    '',
    'Amtsweg is licensed under the EUPL-1.2 (see LICENSE). The production image ships the following third-party',
    'packages: the server’s production dependencies, installed unchanged (each with its own licence file) beside',
    'the server bundle, and the run-time dependencies bundled into the portal, inbox, Studio and administration.',
    '',
    'Generated by `pnpm licenses:third-party` from the installed packages; do not edit by hand.',
    '',
    '## Licences',
    '',
    '| Licence | Packages |',
    '| --- | --- |',
    ...[...byLicence].sort(([a], [b]) => a.localeCompare(b)).map(([licence, count]) => `| ${escapeCell(licence)} | ${count} |`),
    '',
    '## Needs review',
    '',
    review.length === 0
      ? 'None: every licence is permissive or MPL-2.0 and may be distributed together with EUPL-1.2 code.'
      : review.map((item) => `- ${item.name} ${item.version}: ${item.licence}`).join('\n'),
    '',
    '## Packages',
    '',
    '| Package | Version | Licence | Shipped in | Source |',
    '| --- | --- | --- | --- | --- |',
    ...packages.map(
      (item) =>
        `| ${escapeCell(item.name)} | ${escapeCell(item.version)} | ${escapeCell(item.licence)} | ${item.usedBy} | ${escapeCell(item.homepage ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv[2];
  const text = renderThirdPartyLicences(collectThirdPartyPackages());
  if (target) {
    // Relative to where `pnpm licenses:third-party <file>` was called, not to apps/server.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), target);
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  } else {
    process.stdout.write(text);
  }
}
