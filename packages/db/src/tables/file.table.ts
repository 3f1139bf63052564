import type { ColumnType, Insertable, Selectable } from 'kysely';

export interface FileTable {
  id: string;
  organisation_id: string;
  service_id: string;
  case_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A reply attachment waiting for its reply: the case it was uploaded to. */
  pending_case_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The citizen account that uploaded the file, if logged in; only that citizen's draft keeps it unused. */
  uploaded_by: ColumnType<string | null, string | null | undefined, never>;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
  created_at: ColumnType<Date, never, never>;
}
export type FileRow = Selectable<FileTable>;
export type NewFile = Insertable<FileTable>;

/** A part of an upload being written (PGlite: in parts, so other requests are answered in between); never a file by itself. */
export interface FilePartTable {
  file_id: string;
  seq: number;
  content: Uint8Array;
  created_at: ColumnType<Date, Date | undefined, never>;
}
