import type { Migration } from 'kysely';
import * as initial from './2026-11-23-0001-initial';
import * as organisationScopedKeys from './2026-11-23-0002-organisation-scoped-keys';
import * as identityAndAccess from './2026-11-23-0003-identity-and-access';
import * as drafts from './2026-11-23-0004-drafts';
import * as replyAttachments from './2026-11-23-0005-reply-attachments';

/**
 * Every migration by name, in order. A static list (not a folder scan) so the same migrations run from
 * source, from a bundle and in tests. Names are timestamps; never rename or change a published one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-23-0001-initial': initial,
  '2026-11-23-0002-organisation-scoped-keys': organisationScopedKeys,
  '2026-11-23-0003-identity-and-access': identityAndAccess,
  '2026-11-23-0004-drafts': drafts,
  '2026-11-23-0005-reply-attachments': replyAttachments,
};
