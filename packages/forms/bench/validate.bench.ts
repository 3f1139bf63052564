// pnpm bench:validate — first compile time and per-submission validation time of the Hundeanmeldung form.
// Prints figures; asserts nothing (timings on shared machines are noisy; see docs/benchmarks.md).
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ServiceDefinition } from '@amtsweg/definitions';
import { checkDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { readExampleSubmissions } from '@amtsweg/examples/node';
import { compileForm } from '../src/index';

const TARGET_MICROSECONDS = 50;
const definition = HUNDEANMELDUNG as ServiceDefinition;
const submissions = readExampleSubmissions();
const valid = submissions.find((s) => s.file === 'valid.json')!;
const invalid = submissions.find((s) => s.file === 'invalid-formats.json')!;

const compileStart = performance.now();
const form = compileForm(definition.form);
const firstCompileMs = performance.now() - compileStart;

const checkStart = performance.now();
checkDefinition(definition);
const firstCheckMs = performance.now() - checkStart;

const recompileRuns = 50;
const recompileStart = performance.now();
for (let i = 0; i < recompileRuns; i++) compileForm(structuredClone(definition.form));
const recompileMs = (performance.now() - recompileStart) / recompileRuns;

function measure(data: unknown, expectValid: boolean): { median: number; p99: number; perSecond: number } {
  const result = form.validate(data);
  if (result.valid !== expectValid) throw new Error(`unexpected validation result for the benchmark input`);
  for (let i = 0; i < 20_000; i++) form.validate(data); // warm up the JIT
  const batches: number[] = [];
  const perBatch = 1_000;
  for (let b = 0; b < 100; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) form.validate(data);
    batches.push(((performance.now() - start) * 1000) / perBatch);
  }
  batches.sort((a, c) => a - c);
  const median = batches[Math.floor(batches.length / 2)]!;
  return { median, p99: batches[Math.floor(batches.length * 0.99)]!, perSecond: 1e6 / median };
}

const validFigures = measure(valid.data, true);
const invalidFigures = measure(invalid.data, false);
const fmt = (n: number): string => n.toFixed(1).padStart(8);

console.log(`Amtsweg validation benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(`form: Hundeanmeldung, ${submissions.length} example submissions, valid one has 2 dogs\n`);
console.log(`first compile (Ajv instance + schema):   ${fmt(firstCompileMs)} ms`);
console.log(`further compiles of the same form:       ${fmt(recompileMs)} ms`);
console.log(`first static check of the definition:    ${fmt(firstCheckMs)} ms\n`);
console.log(`                                  median µs   p99 µs  submissions/s`);
console.log(`valid submission (2 dogs)         ${fmt(validFigures.median)} ${fmt(validFigures.p99)}  ${Math.round(validFigures.perSecond).toLocaleString('en')}`);
console.log(`invalid submission (9 errors)     ${fmt(invalidFigures.median)} ${fmt(invalidFigures.p99)}  ${Math.round(invalidFigures.perSecond).toLocaleString('en')}`);
console.log(`\ntarget: < ${TARGET_MICROSECONDS} µs per valid submission → ratio target/median = ${(TARGET_MICROSECONDS / validFigures.median).toFixed(1)}× (${validFigures.median < TARGET_MICROSECONDS ? 'met' : 'NOT met'})`);
