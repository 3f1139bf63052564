import { ApiError } from '@amtsweg/ui/app';

/** The fields of the organisation forms, by the API's JSON pointer below /body. */
export type OrganisationField = 'name' | 'slug' | 'address' | 'hosts' | 'administratorName' | 'administratorEmail' | 'administratorPassword';

const FIELD_OF_POINTER: Record<string, OrganisationField> = {
  name: 'name',
  slug: 'slug',
  address: 'address',
  hosts: 'hosts',
  'administrator/displayName': 'administratorName',
  'administrator/email': 'administratorEmail',
  'administrator/password': 'administratorPassword',
};

/**
 * The form's field an error of the server names: `/body/hosts/1` → hosts, `/body/administrator/password` →
 * administratorPassword; undefined for anything else.
 *
 * @example
 * organisationFieldOf('/body/administrator/email') // 'administratorEmail'
 */
export function organisationFieldOf(path: string): OrganisationField | undefined {
  const rest = /^\/body\/(.+)$/.exec(path)?.[1];
  if (!rest) return undefined;
  const key = Object.keys(FIELD_OF_POINTER).find((prefix) => rest === prefix || rest.startsWith(`${prefix}/`));
  return key ? FIELD_OF_POINTER[key] : undefined;
}

/** The server's refusal as [field, message] pairs (its own words; the first field-less message goes to `fallback`). */
export function refusalByField(error: unknown, fallback: OrganisationField, otherwise: string): [OrganisationField, string][] {
  if (!(error instanceof ApiError)) return [[fallback, otherwise]];
  const found = new Map<OrganisationField, string>();
  for (const entry of error.errors) {
    const field = organisationFieldOf(entry.path);
    if (field && !found.has(field)) found.set(field, entry.message);
  }
  return found.size > 0 ? [...found] : [[fallback, error.message]];
}
