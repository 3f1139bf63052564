import type { CaseViewer, UserRow } from '@amtsweg/db';
import type { Permission } from './permissions';

/**
 * How far a session's login got: `complete`, or waiting for the second factor (`second-factor`) or, where the
 * organisation requires one, for its enrolment (`enrol-second-factor`).
 */
export type LoginStage = 'complete' | 'second-factor' | 'enrol-second-factor';

interface UserCall {
  kind: 'user';
  user: UserRow;
  stage: LoginStage;
  /** What the caller may do now (a token: its scopes within its user's roles). */
  permissions: ReadonlySet<Permission>;
}

/**
 * Who is calling: nobody known, a person in a session, or an integration with an API token of a person — always
 * with the token's id, so whatever tells people from tokens apart (the four-eyes principle, the history) cannot
 * take a token for a person.
 */
export type Principal = { kind: 'anonymous' } | (UserCall & { via: 'session' }) | (UserCall & { via: 'token'; tokenId: string });

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Whom case lookups are limited to for this caller. */
export function caseViewerOf(principal: UserPrincipal): CaseViewer {
  return principal.user.kind === 'citizen' ? { kind: 'citizen', userId: principal.user.id } : { kind: 'staff', userId: principal.user.id };
}
