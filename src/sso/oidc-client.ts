import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SsoRefused } from './sso-refusal';

/** The provider as the client needs it: where it is, who we are there, and our secret, opened. */
export interface ProviderClient {
  organizationId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** Changes with every edit, so an edited provider is discovered afresh. */
  updatedAt: Date;
}

/** What a sign-in proves, after every check openid-client makes. */
export interface VerifiedIdentity {
  /** The ID token's `iss`: the provider's issuer, as it spells it. */
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  locale: string | null;
}

/** What the callback must match, kept on the server since the redirect. */
export interface CallbackChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Discovery documents are read again after this, or at once after an edit; keys follow the provider's rotation. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds any one request to a provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email profile';

/**
 * The OpenID Connect relying party: openid-client (certified by the OpenID Foundation) makes and checks every request
 * to the providers. Authorization code flow with PKCE (S256), state and nonce; the ID token's signature, issuer,
 * audience, expiry and nonce, and the authorization response's state and `iss`, are all checked there, not here.
 */
@Injectable()
export class OidcClient {
  private readonly configurations = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
  readonly redirectUri: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redirectUri = `${config.publicUrl}/api/auth/sso/callback`;
  }

  /** The provider's authorization endpoint, asked for a code for this sign-in. */
  async authorizationUrl(provider: ProviderClient, checks: CallbackChecks): Promise<URL> {
    const config = await this.configuration(provider);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Checks the provider's answer (the callback's query string) and exchanges its code for tokens; the address comes
   * from the ID token, or from the userinfo endpoint when the provider keeps it there (for the same subject only).
   */
  async verify(provider: ProviderClient, search: string, checks: CallbackChecks): Promise<VerifiedIdentity> {
    const config = await this.configuration(provider);
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = search;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new SsoRefused('sso-denied', `the provider answered ${error.error}`);
      }
      throw new SsoRefused('sso-response-invalid', describe(error));
    }
    const claims = tokens.claims()!;
    let profile: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string') {
      try {
        profile = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
      } catch (error) {
        throw new SsoRefused('sso-response-invalid', `userinfo: ${describe(error)}`);
      }
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof profile.email === 'string' ? profile.email : null,
      // Some providers send the boolean as a string; anything else is "not verified".
      emailVerified: profile.email_verified === true || profile.email_verified === 'true',
      name: typeof profile.name === 'string' ? profile.name : null,
      locale: typeof profile.locale === 'string' ? profile.locale : null,
    };
  }

  /** Discovered once per provider version and hour; a failed discovery is not kept, the next sign-in tries again. */
  private configuration(provider: ProviderClient): Promise<oidc.Configuration> {
    const key = `${provider.organizationId}:${provider.updatedAt.getTime()}`;
    const cached = this.configurations.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    for (const old of this.configurations.keys()) {
      if (old.startsWith(`${provider.organizationId}:`)) this.configurations.delete(old);
    }
    const config = this.discover(provider);
    this.configurations.set(key, { at: Date.now(), config });
    config.catch(() => this.configurations.delete(key));
    return config;
  }

  private async discover(provider: ProviderClient): Promise<oidc.Configuration> {
    try {
      return await oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        provider.clientSecret ?? undefined,
        // OpenID Connect's default client authentication; a provider without our secret gets PKCE alone.
        provider.clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(provider.clientSecret),
        {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          execute: this.config.ssoAllowInsecureHttp ? [oidc.allowInsecureRequests] : [],
        },
      );
    } catch (error) {
      throw new SsoRefused('sso-provider-unreachable', `discovery of ${provider.issuer}: ${describe(error)}`);
    }
  }
}

/**
 * An error as the log may show it: openid-client's code and message, the check that failed (its cause: `unexpected ID
 * Token "nonce" claim value`) and the provider's OAuth error if any. Messages only: never a claim's value or a token.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, error: oauthError, error_description: oauthDescription } = error as unknown as Record<string, unknown>;
  const cause = error.cause instanceof Error ? `(${error.cause.message})` : '';
  return [
    typeof code === 'string' ? code : error.name,
    typeof oauthError === 'string' ? oauthError : '',
    typeof oauthDescription === 'string' ? `"${oauthDescription}"` : '',
    error.message,
    cause,
  ]
    .filter(Boolean)
    .join(' ');
}
