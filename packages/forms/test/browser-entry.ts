// Entry of the browser bundle built by browser-bundle.test.ts: the same validator the server uses, exposed
// to the page so the test can run the example submissions through it inside Chromium.
import { checkDefinition, type ServiceDefinition } from '@amtsweg/definitions';
import { HUNDEANMELDUNG } from '@amtsweg/examples';
import { compileForm, type SubmissionResult } from '../src/index';

/** Validates each raw JSON text (parsed here, as a browser would receive it) and returns the results by name. */
export function validateAll(texts: Record<string, string>, today: string, language: string): Record<string, SubmissionResult> {
  const form = compileForm((HUNDEANMELDUNG as ServiceDefinition).form);
  return Object.fromEntries(
    Object.entries(texts).map(([name, text]) => {
      const submission = JSON.parse(text) as { data: unknown };
      return [name, form.validate(submission.data, { today, language })];
    }),
  );
}

/** The static checks, to show they run in the browser too (the Studio uses them while editing). */
export function checkExample(): number {
  return checkDefinition(HUNDEANMELDUNG).length;
}
