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
import type { FormElement, ServiceDefinition } from '@amtsweg/definitions';
import { checkDefinition } from '@amtsweg/definitions';
import { buildTestApp, hundeanmeldung } from '../test/helper';
import { runBounded } from './run-bounded';

const SAVES = Number(process.env.SAVES ?? 60);
const FIELDS = 300;
const TARGET_MS = 300;

/** The Hundeanmeldung grown to `FIELDS` fields: generated pages of ten fields each, of every kind. */
export function largeDefinition(): ServiceDefinition {
  const definition = hundeanmeldung();
  let count = countFields(definition.form.pages.flatMap((page) => page.elements));
  for (let page = 1; count < FIELDS; page++) {
    const elements: FormElement[] = [];
    for (let i = 0; i < 10 && count < FIELDS; i++, count++) elements.push(generatedField(page, i));
    definition.form.pages.push({ id: `extra${page}`, title: { de: `Weitere Angaben ${page}`, en: `More details ${page}` }, elements });
  }
  return definition;
}

function generatedField(page: number, i: number): FormElement {
  const key = `p${page}f${i}`;
  const label = { de: `Angabe ${i + 1} auf Seite ${page}`, en: `Detail ${i + 1} on page ${page}` };
  switch (i % 10) {
    case 0:
      return { type: 'yesNo', key, label, required: true };
    case 1:
      // Shown only when the first field of the page says yes.
      return { type: 'text', key, label, maxLength: 200, required: true, visibleIf: { eq: [{ var: `p${page}f0` }, true] } };
    case 2:
      return { type: 'select', key, label, options: ['a', 'b', 'c', 'd'].map((value) => ({ value, label: { de: `Möglichkeit ${value}`, en: `Option ${value}` } })) };
    case 3:
      return { type: 'date', key, label, notInFuture: true };
    case 4:
      return { type: 'integer', key, label, minimum: 0, maximum: 1000 };
    case 5:
      return { type: 'email', key, label };
    case 6:
      return { type: 'textarea', key, label, maxLength: 2000 };
    case 7:
      return { type: 'money', key, label, minimum: 0 };
    case 8:
      return { type: 'checkboxes', key, label, options: ['x', 'y', 'z'].map((value) => ({ value, label: { de: `Punkt ${value}`, en: `Item ${value}` } })) };
    default:
      return {
        type: 'repeat',
        key,
        label,
        itemLabel: { de: 'Eintrag', en: 'Entry' },
        maxItems: 5,
        elements: [{ type: 'text', key: 'name', label: { de: 'Bezeichnung', en: 'Name' }, maxLength: 100 }],
      };
  }
}

function countFields(elements: FormElement[]): number {
  return elements.reduce(
    (sum, element) => sum + (element.type === 'group' || element.type === 'repeat' ? 1 + countFields(element.elements) : element.type === 'staticText' ? 0 : 1),
    0,
  );
}

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
