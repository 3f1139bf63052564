import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One example submission file: data plus what validating it must give. */
export interface ExampleSubmission {
  file: string;
  description: string;
  data: unknown;
  /** For invalid submissions: every error expected, by JSON pointer and code. */
  expectedErrors?: { path: string; code: string }[];
  /** For valid submissions: answers that must be dropped because their field was hidden. */
  expectedDropped?: string[];
  /** For valid submissions: values the normalized data must contain (calculated fields). */
  expectedData?: Record<string, unknown>;
}

const SUBMISSIONS_DIR = fileURLToPath(new URL('../hundeanmeldung/submissions/', import.meta.url));

/**
 * Reads the Hundeanmeldung example submissions (Node only). Parsed with `JSON.parse`, so a `__proto__` or
 * `constructor` key arrives as an own property exactly as it would from an HTTP body.
 */
export function readExampleSubmissions(): ExampleSubmission[] {
  return readdirSync(SUBMISSIONS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(SUBMISSIONS_DIR + file, 'utf8')) as Omit<ExampleSubmission, 'file'>) }));
}

/** The raw text of every example submission, by file name (for running them in a browser). */
export function readExampleSubmissionTexts(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(SUBMISSIONS_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file, readFileSync(SUBMISSIONS_DIR + file, 'utf8')]),
  );
}
