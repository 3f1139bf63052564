import type { FieldError } from '@amtsweg/ui/app';
import { isSchemaError } from '../webhooks/field-errors';

/** The fields of an account form, named as the API names them. */
export type AccountField = 'displayName' | 'email' | 'roles' | 'password';
const FIELDS: readonly AccountField[] = ['displayName', 'email', 'roles', 'password'];

/** The account form's field an error names (`/body/roles/1` → roles); undefined for another pointer. */
export function accountFieldOf(path: string): AccountField | undefined {
  const name = /^\/body\/([^/]+)/.exec(path)?.[1];
  return (FIELDS as readonly string[]).includes(name ?? '') ? (name as AccountField) : undefined;
}

/**
 * The server's refusal at the fields it names: its own words where they were written for people, the page's
 * (`friendly`) where they come from the route's schema. A refusal naming no field goes to `fallback`.
 */
export function refusalByField(errors: readonly FieldError[], message: string, friendly: Record<AccountField, string>, fallback: AccountField): [AccountField, string][] {
  const found = new Map<AccountField, string>();
  for (const entry of errors) {
    const field = accountFieldOf(entry.path);
    if (field && !found.has(field)) found.set(field, isSchemaError(entry) ? friendly[field] : entry.message);
  }
  return found.size > 0 ? [...found] : [[fallback, message]];
}
