import { parseIsoDate } from '@amtsweg/definitions';
import type { ActionInput, ProcessAction } from '@amtsweg/definitions';
import { failInputInvalid, failInputMissing, failInputsNotObject, failUnknownInput } from './process-errors';
import type { CaseFailure } from './process-errors';

/** Bound for text inputs whose definition sets no `maxLength`: every input from outside is bounded. */
export const DEFAULT_INPUT_MAX_LENGTH = 10_000;

/** The inputs of an action, checked against its declaration: trimmed strings under their declared keys. */
export type InputValidation = { ok: true; inputs: Record<string, string> } | CaseFailure;

/**
 * Checks what a person entered for an action. Unknown keys are refused; blank values count as missing;
 * strings are trimmed; optional inputs left blank are dropped. Returns the first problem.
 */
export function validateActionInputs(action: ProcessAction, raw: unknown): InputValidation {
  const given = raw ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) return failInputsNotObject(action);
  const entries = given as Record<string, unknown>;
  const declared = action.inputs ?? [];
  const unknownKey = Object.keys(entries).find((key) => !declared.some((input) => input.key === key));
  if (unknownKey !== undefined) return failUnknownInput(unknownKey, action);

  const inputs: Record<string, string> = {};
  for (const input of declared) {
    const value = Object.prototype.hasOwnProperty.call(entries, input.key) ? entries[input.key] : undefined;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (input.required === true) return failInputMissing(input);
      continue;
    }
    const checked = checkInputValue(input, value);
    if (typeof checked !== 'string') return checked;
    inputs[input.key] = checked;
  }
  return { ok: true, inputs };
}

function checkInputValue(input: ActionInput, value: unknown): string | CaseFailure {
  if (typeof value !== 'string') return failInputInvalid(input, 'type');
  const text = value.trim();
  switch (input.type) {
    case 'choice':
      return (input.options ?? []).some((option) => option.value === text) ? text : failInputInvalid(input, 'option');
    case 'date':
      return parseIsoDate(text) !== null ? text : failInputInvalid(input, 'date');
    default: {
      const limit = input.maxLength ?? DEFAULT_INPUT_MAX_LENGTH;
      // Counted in code points, as JSON Schema's maxLength counts, so the Portal and the server agree.
      return [...text].length <= limit ? text : failInputInvalid(input, 'maxLength', limit);
    }
  }
}
