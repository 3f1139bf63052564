import type { ColumnType, Insertable, Selectable } from 'kysely';

/** An issued document: immutable once written. */
export interface DocumentTable {
  id: string;
  organisation_id: string;
  case_id: string;
  template_id: string;
  kind: 'receipt' | 'decision' | 'letter';
  title: string;
  content: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type DocumentRow = Selectable<DocumentTable>;
export type NewDocument = Insertable<DocumentTable>;
