import { findPublishedVersionNumber, type Executor } from '@amtsweg/db';

/** How long a looked-up published version number is reused. */
const MAX_AGE_MS = 1_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  /** The number, null when the service exists but is unpublished, undefined when there is no such service. */
  value: Promise<number | null | undefined>;
  expiresAt: number;
}

/**
 * Which version of a service takes submissions now, read from the database at most once a second per service.
 * Every submission needs it, and a lookup per submission was a round trip of its own. Publishing on this
 * process forgets the entry at once; another server process sees a new version within `MAX_AGE_MS`, the same
 * as a submission that raced the publish. Concurrent lookups of one service share one query.
 */
export class PublishedVersions {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  find(db: Executor, organisationId: string, serviceId: string): Promise<number | null | undefined> {
    const key = `${organisationId}:${serviceId}`;
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const value = findPublishedVersionNumber(db, organisationId, serviceId);
    // A failed lookup is not kept: the next submission asks again.
    void value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + MAX_AGE_MS });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Called when this process publishes a version of the service. */
  forget(organisationId: string, serviceId: string): void {
    this.entries.delete(`${organisationId}:${serviceId}`);
  }
}
