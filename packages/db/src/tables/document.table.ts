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
  /**
   * The PDF as issued. Set with the row when an action issues the document; a receipt gets it on its first
   * download, and only while it is null (`storeDocumentPdf`), so stored bytes never change.
   */
  pdf: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array>;
}
export type DocumentRow = Selectable<DocumentTable>;
/** A document without its PDF bytes: what lists and views read. */
export type DocumentSummary = Omit<DocumentRow, 'pdf'>;
export type NewDocument = Insertable<DocumentTable>;
