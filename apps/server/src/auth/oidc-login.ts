import type { FastifyBaseLogger } from 'fastify';
import * as client from 'openid-client';
import { AppError } from '../app-error';

/** A citizen login through an OpenID Connect provider (BundID, Bayern-ID, a municipality's Keycloak). */
export interface OidcOptions {
  /** The provider's issuer identifier (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The public URL of `GET /api/auth/oidc/callback`, exactly as registered at the provider. */
  redirectUri: string;
  /** Requested scopes; `openid email profile` by default. */
  scopes?: string;
  /** Tests only: talk to a provider on plain HTTP. */
  allowInsecureHttp?: boolean;
}

/** What the session keeps between sending the browser to the provider and its coming back. */
export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Who the provider says logged in, from the verified ID token. */
export interface OidcIdentity {
  /** The issuer as the provider's metadata names it (stored with the subject). */
  issuer: string;
  subject: string;
  /** Only when the provider gives a plausible address it has not marked as unverified. */
  email: string | undefined;
  name: string | undefined;
}

/** A login that came back without an identity; `reason` goes into the audit trail, never to the caller. */
export class OidcLoginFailure extends Error {
  constructor(
    readonly reason: 'no-login-under-way' | 'state-mismatch' | 'provider-error' | 'exchange-failed',
    /** Short machine-readable detail: the provider's error code or the library's error code. */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`OpenID Connect login failed: ${reason}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'OidcLoginFailure';
  }
}

export interface OidcLogin {
  /** Where to send the browser, and what the session must remember for the callback. */
  start(returnTo: string): Promise<{ url: string; pending: PendingOidcLogin }>;
  /** Checks the provider's answer against the pending login and exchanges the code for a verified ID token. */
  finish(pending: PendingOidcLogin | undefined, query: Record<string, string>): Promise<OidcIdentity>;
}

const DEFAULT_SCOPES = 'openid email profile';
// A login request should not hang for the library's default of 30 seconds when the provider is down.
const PROVIDER_TIMEOUT_SECONDS = 10;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const MAX_NAME_LENGTH = 200;
const OIDC_UNAVAILABLE_MESSAGE = {
  de: 'Die Anmeldung über den externen Anbieter ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
  en: 'The login through the external provider is unavailable at the moment. Please try again later.',
};

/**
 * The client side of the authorization code flow with PKCE (S256), state and nonce. The provider's metadata is
 * discovered on first use and kept; a failed discovery is not kept, so the next login tries again, and it
 * answers OIDC_UNAVAILABLE instead of taking the server down.
 */
export function createOidcLogin(options: OidcOptions, log: FastifyBaseLogger): OidcLogin {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(options.issuer), options.clientId, undefined, client.ClientSecretBasic(options.clientSecret), {
        // Deprecated in openid-client only as a warning sign; tests run their provider on plain HTTP.
        execute: options.allowInsecureHttp ? [client.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        log.warn({ err: error, issuer: options.issuer }, 'OpenID Connect discovery failed');
        throw new AppError('OIDC_UNAVAILABLE', OIDC_UNAVAILABLE_MESSAGE);
      });
    return discovered;
  };

  return {
    async start(returnTo) {
      const config = await configuration();
      const pending: PendingOidcLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), returnTo };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scopes ?? DEFAULT_SCOPES,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    async finish(pending, query) {
      // Checked here before anything else, so a forged or replayed callback never reaches the provider.
      if (!pending) throw new OidcLoginFailure('no-login-under-way');
      if (query.state !== pending.state) throw new OidcLoginFailure('state-mismatch');
      if (query.error !== undefined) throw new OidcLoginFailure('provider-error', query.error.slice(0, 100));
      const config = await configuration();
      // openid-client derives the redirect_uri for the token request from this URL, so it is built from the
      // configured one, never from the Host header of the request.
      const currentUrl = new URL(options.redirectUri);
      for (const [name, value] of Object.entries(query)) currentUrl.searchParams.set(name, value);
      let claims: client.IDToken | undefined;
      let accessToken = '';
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        accessToken = tokens.access_token;
      } catch (error) {
        const code = (error as { error?: unknown; code?: unknown }).error ?? (error as { code?: unknown }).code;
        throw new OidcLoginFailure('exchange-failed', typeof code === 'string' ? code : (error as Error).name, { cause: error });
      }
      if (!claims) throw new OidcLoginFailure('exchange-failed', 'no-id-token');
      let email = emailOf(claims);
      let name = nameOf(claims);
      // Some providers (Keycloak set-ups, oidc-provider's default) give address and name only at userinfo.
      if ((!email || !name) && accessToken) {
        try {
          const info = await client.fetchUserInfo(config, accessToken, claims.sub);
          email ??= emailOf(info);
          name ??= nameOf(info);
        } catch (error) {
          log.warn({ err: error, issuer: options.issuer }, 'OpenID Connect userinfo failed; the account keeps what the ID token said');
        }
      }
      return { issuer: config.serverMetadata().issuer, subject: claims.sub, email, name };
    },
  };
}

function emailOf(claims: client.IDToken | client.UserInfoResponse): string | undefined {
  const { email, email_verified: verified } = claims;
  if (typeof email !== 'string' || email.length > 254 || !EMAIL_PATTERN.test(email)) return undefined;
  // Providers that do not say whether they checked the address (BundID) are trusted; an explicit "no" is not.
  return verified === false ? undefined : email;
}

function nameOf(claims: client.IDToken | client.UserInfoResponse): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return name ? name.slice(0, MAX_NAME_LENGTH) : undefined;
}
