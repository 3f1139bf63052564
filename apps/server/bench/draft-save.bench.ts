// Saving a large draft, as the Studio saves it: a 300-field service definition (the Hundeanmeldung plus pages of
// generated fields of every type, with conditions and a repeating group) is saved through real HTTP after each of a
// series of small edits — PUT /api/services/:id/draft with the whole definition and the revision it builds on; the
// answer carries every static check's diagnostics. Latency from sending to the last byte, on PGlite and on
// PostgreSQL. The target (issue 7): under 300 ms end to end for 300 fields; Open Forms is quoted at tens of seconds
// for 95 components.
//
//   pnpm bench:studio-save            (SAVES=60 per database by default)
import type { DatabaseKind } from '@amtsweg/db';
import { DATABASE_KINDS } from '@amtsweg/db/testing';
import { checkDefinition } from '@amtsweg/definitions';
import { buildTestApp } from '../test/helper';
import { countFields, largeDefinition } from './large-definition';
import { runBounded } from './run-bounded';

const SAVES = Number(process.env.SAVES ?? 60);
const TARGET_MS = 300;

async function measure(kind: DatabaseKind): Promise<string> {
  const t = await buildTestApp(kind);
  try {
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const definition = largeDefinition();
    // A realistic draft is one a clerk could publish: no errors (warnings such as missing translations are fine).
    const errors = checkDefinition(definition).filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`the generated definition has errors: ${JSON.stringify(errors.slice(0, 3))}`);
    const headers = { ...t.staff.headers, 'content-type': 'application/json' };
    const created = await fetch(`${origin}/api/services`, { method: 'POST', headers, body: JSON.stringify({ slug: 'gross', definition }) });
    if (created.status !== 201) throw new Error(`creating the service answered ${created.status}: ${await created.text()}`);
    const service = (await created.json()) as { id: string; draftRevision: number };
    let revision = service.draftRevision;

    const timings: number[] = [];
    let bytes = 0;
    let diagnostics = 0;
    for (let save = 0; save < SAVES + 5; save++) {
      // A small edit between saves, as a designer makes: a label, here on the last generated page.
      const edited = definition.form.pages.at(-1)!.elements[0]!;
      if (edited.type !== 'staticText') edited.label = { de: `Angabe 1 (Fassung ${save})`, en: `Detail 1 (revision ${save})` };
      const body = JSON.stringify({ definition, expectedRevision: revision });
      bytes = Buffer.byteLength(body);
      const started = process.hrtime.bigint();
      const response = await fetch(`${origin}/api/services/${service.id}/draft`, { method: 'PUT', headers, body });
      const answer = (await response.json()) as { draftRevision: number; diagnostics: unknown[] };
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (response.status !== 200) throw new Error(`saving answered ${response.status}: ${JSON.stringify(answer)}`);
      revision = answer.draftRevision;
      diagnostics = answer.diagnostics.length;
      // The first saves warm up the JIT and the connection.
      if (save >= 5) timings.push(elapsed);
    }

    // The same checks alone, to show what part of a save they are.
    const checks: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = process.hrtime.bigint();
      checkDefinition(definition);
      checks.push(Number(process.hrtime.bigint() - started) / 1e6);
    }

    const q = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
    const fields = countFields(definition.form.pages.flatMap((p) => p.elements));
    return [
      `${kind.padEnd(9)} ${String(fields).padStart(6)} ${(bytes / 1024).toFixed(0).padStart(6)} KB ${q(timings, 0.5).toFixed(1).padStart(8)} ${q(timings, 0.95).toFixed(1).padStart(8)} ${Math.max(...timings).toFixed(1).padStart(8)} ${q(checks, 0.5).toFixed(1).padStart(11)} ${String(diagnostics).padStart(12)}`,
      `          p95 / target ${TARGET_MS} ms: ${(q(timings, 0.95) / TARGET_MS).toFixed(3)} (${q(timings, 0.95) < TARGET_MS ? 'met' : 'NOT met'})`,
    ].join('\n');
  } finally {
    await t.close();
  }
}

await runBounded(
  'bench:studio-save',
  600,
  async () => {
    console.log(`Amtsweg draft save benchmark — ${new Date().toISOString()}, Node ${process.version}`);
    console.log(`${SAVES} saves per database after 5 warm-up saves, each after a label edit; whole definition per PUT; real HTTP on 127.0.0.1; ms`);
    console.log('database  fields   body      p50      p95      max  checks p50  diagnostics');
    for (const kind of DATABASE_KINDS) console.log(await measure(kind));
  },
  async () => {},
);
