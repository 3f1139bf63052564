import { sql, type Kysely } from 'kysely';

type AnyDatabase = Kysely<unknown>;

/**
 * Issue 18, finding 8 (review): an unused upload was kept while any live draft of its service named its id, so
 * one citizen's draft could keep anybody's anonymous uploads forever. `uploaded_by` records the citizen account
 * that uploaded a file (null: anonymous); only a draft of that same citizen keeps it past the day.
 *
 * No foreign key: the column only has to match a draft's owner, and a deleted account's drafts go with it.
 * Files waiting in a draft now are given the owner of the one draft that refers to them (a file several
 * citizens' drafts name cannot be told apart and is left anonymous).
 */
export async function up(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('files').addColumn('uploaded_by', 'uuid').execute();
  const refersTo = (draft: string) =>
    sql`jsonb_path_exists(${sql.ref(`${draft}.answers`)}, '$.**.id ? (@ == $id)', jsonb_build_object('id', f.id::text))`;
  await sql`
    update files f set uploaded_by = d.user_id
    from drafts d
    where f.case_id is null and f.pending_case_id is null
      and d.organisation_id = f.organisation_id and d.service_id = f.service_id and ${refersTo('d')}
      and not exists (
        select 1 from drafts o
        where o.organisation_id = f.organisation_id and o.service_id = f.service_id and o.user_id <> d.user_id and ${refersTo('o')}
      )`.execute(db);
}

export async function down(db: AnyDatabase): Promise<void> {
  await db.schema.alterTable('files').dropColumn('uploaded_by').execute();
}
