// Where a benchmark's figures go: a block of docs/benchmarks.md between `<!-- bench:ID -->` and `<!-- /bench:ID -->`,
// rewritten by every run with the machine, the date and the command that produced it. Hand-written text outside the
// markers (what changed, why) is never touched. BENCH_WRITE=0 prints the block without writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const GIB = 1024 ** 3;

export interface BenchmarkSection {
  /** Marker name, such as `validate-peers`. */
  id: string;
  /** How to rerun it, such as `pnpm bench:validate-peers`. */
  command: string;
  /** Markdown: the tables and the sentences that read them. */
  body: string;
  /** Versions of what was measured besides Node (`PostgreSQL 15.20`, `survey-core 3.1.1`). */
  versions?: string[];
}

/** `AMD EPYC 7B13, 2 vCPUs, 24 GiB, Node 20.20.2, load average 1.2`: the machine as the run found it. */
function describeMachine(versions: readonly string[] = []): string {
  const processors = cpus();
  const model = (processors[0]?.model ?? 'unknown processor').replace(/\s+/g, ' ').trim();
  return [
    model,
    `${processors.length} vCPUs`,
    `${Math.round(totalmem() / GIB)} GiB`,
    `Node ${process.versions.node}`,
    ...versions,
    `load average ${loadavg()[0]!.toFixed(1)} at the end`,
  ].join(', ');
}

/** The block as written between the markers. */
function renderSection(section: BenchmarkSection, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
  return [
    `*Latest run: \`${section.command}\`, ${stamp} UTC; ${describeMachine(section.versions)}. Written by the benchmark.*`,
    '',
    section.body.trim(),
  ].join('\n');
}

/**
 * Prints the block and puts it into docs/benchmarks.md: in place of the previous run's block, or, the first time,
 * at the end of the file under `heading`.
 */
export function reportSection(section: BenchmarkSection, heading: string): void {
  const block = renderSection(section);
  console.log(`\n${block}\n`);
  if (process.env.BENCH_WRITE === '0') return;
  const open = `<!-- bench:${section.id} -->`;
  const close = `<!-- /bench:${section.id} -->`;
  const text = readFileSync(BENCHMARKS_DOC, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start + open.length)}\n${block}\n${text.slice(end)}`
      : `${text.trimEnd()}\n\n## ${heading}\n\n${open}\n${block}\n${close}\n`;
  writeFileSync(BENCHMARKS_DOC, next);
  console.log(`written to ${BENCHMARKS_DOC} (${open})`);
}

/** Percentile of sorted numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
