import type { UserRow } from '@amtsweg/db';
import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';

describe('Principal', () => {
  // The four-eyes check and the case history tell a token call by the token's id (`resolveCaseActor`): a token
  // principal without one would count as a person. The typecheck (`tsc`, which covers the tests) holds this.
  it('names the token of every call made with an API token (review of issue 18)', () => {
    const user = { id: 'u-1' } as UserRow;
    const viaToken: Principal = { kind: 'user', user, via: 'token', tokenId: 't-1', stage: 'complete', permissions: new Set() };
    expect(viaToken).toMatchObject({ via: 'token', tokenId: 't-1' });
    // @ts-expect-error a token principal must carry its token's id
    const withoutId: Principal = { kind: 'user', user, via: 'token', stage: 'complete', permissions: new Set() };
    expect('tokenId' in withoutId).toBe(false);
  });
});
