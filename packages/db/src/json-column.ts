/**
 * A value for a `jsonb` column. Both drivers take JSON text and let PostgreSQL parse it; passing objects
 * directly would make `pg` send arrays as PostgreSQL arrays.
 */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}
