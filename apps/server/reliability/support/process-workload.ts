import { readExampleSubmissions, type ExampleSubmission } from '@amtsweg/examples/node';
import type { FileReference } from './process-http';

function readExample(file: string): { data: Record<string, unknown>; expectedData: Record<string, unknown> } {
  const example: ExampleSubmission | undefined = readExampleSubmissions().find((s) => s.file === file);
  if (!example) throw new Error(`no example submission ${file}`);
  return { data: example.data as Record<string, unknown>, expectedData: example.expectedData ?? {} };
}

const BASE = readExample('valid-without-files.json');
const WITH_FILES = readExample('valid.json');

/**
 * A valid Hundeanmeldung that differs from every other by its remark (so a stored case can be matched to what
 * was sent), and the data the case must then hold: what was sent plus what the form computes.
 */
export function distinctApplication(tag: string): { data: Record<string, unknown>; expectedData: Record<string, unknown> } {
  const data = { ...structuredClone(BASE.data), remarks: `Antrag ${tag}` };
  return { data, expectedData: asStored(data, BASE.expectedData) };
}

/** As `distinctApplication`, with a second dog of a listed breed whose certificate is the uploaded file. */
export function applicationWithFile(tag: string, certificate: FileReference): { data: Record<string, unknown>; expectedData: Record<string, unknown> } {
  const data = structuredClone(WITH_FILES.data) as { dogs: { certificate?: unknown[] }[]; remarks?: string };
  data.remarks = `Antrag ${tag}`;
  for (const dog of data.dogs) if (dog.certificate) dog.certificate = [certificate];
  return { data, expectedData: asStored(data, WITH_FILES.expectedData) };
}

/** The answers as the form stores them: an IBAN without its spaces, calculated fields added. */
function asStored(data: Record<string, unknown>, calculated: Record<string, unknown>): Record<string, unknown> {
  return { ...data, ...(typeof data.iban === 'string' ? { iban: data.iban.replace(/\s/g, '') } : {}), ...calculated };
}
