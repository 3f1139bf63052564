import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database';

/** What a repository function runs on: the database or a transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
