import type { Database } from '@amtsweg/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../auth/secret-box';
import type { Mailer } from '../mail/create-mailer';
import type { VersionSource } from '../services/load-version';
import { withoutPersonalData } from '../log-serializers';

/**
 * What background work needs of the running server — no Fastify instance: a worker takes the same case
 * operations an HTTP route does, as the `system` actor.
 */
export interface JobContext extends VersionSource {
  db: Kysely<Database>;
  mailer: Mailer;
  /** Opens sealed webhook secrets. */
  secrets: SecretBox;
  /** The address citizens and staff reach Amtsweg at, for links in e-mails (see organisationAddress). */
  publicUrl: string;
  /** The installation's home organisation: its portal is `publicUrl` itself, the others' are under `/o/<slug>`. */
  homeOrganisationId: string;
  log: Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
  /** The clock: the moment deadlines are compared with. */
  now(): Date;
}

/**
 * An error message fit for the job table and the log: e-mail addresses (an SMTP server echoes the recipient)
 * are replaced, and it is cut to a line's length.
 */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return withoutPersonalData(message).replace(/\s+/g, ' ').slice(0, 500);
}

/** A failure that is expected and says enough by itself (a receiver answered 503): logged without a stack. */
export class RetryLater extends Error {}
