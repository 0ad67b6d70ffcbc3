import { ClientInfo } from '../auth/client-info';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import { DataSource, EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AuthResponseDto } from '../auth/dto/auth-response.dto';
import { isUuid } from '../common/uuid-param.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/postgres-errors';
import { UserRepository } from '../users/user.repository';
import { openClientSecret } from './client-secret';
import { OfferedProviderDto } from './dto/offered-provider.dto';
import { OidcClient, ProviderClient, VerifiedIdentity } from './oidc-client';
import { SsoRefused } from './sso-refusal';
import { ProviderWithSecret, SsoRepository } from './sso.repository';

/** A sign-in must come back from the provider within this: long enough to type a password and a second factor. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;
/** What the browser that starts a sign-in holds: 256 random bits, base64url. */
const BROWSER_BINDING = /^[A-Za-z0-9_-]{43}$/;
/**
 * Never a valid argon2 hash, so verifyPassword() is false for every password: an account made by single sign-on has
 * no password until its owner sets one with a reset link.
 */
export const NO_PASSWORD = '!single-sign-on';

/** Where the browser goes next, and the session to deliver with it when the sign-in succeeded. */
export interface SsoOutcome {
  redirect: string;
  session?: AuthResponseDto;
}

/**
 * Sign-in through an organization's OpenID Provider. Nobody is signed in here: the checks are the provider's answer
 * (made by openid-client), the state spent once and bound to the browser that asked, and the workspace admin's
 * settings for that provider (enabled, allowed email domains).
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly sso: SsoRepository,
    private readonly oidc: OidcClient,
    private readonly auth: AuthService,
    private readonly users: UserRepository,
  ) {}

  /** The organizations whose people may sign in with their own provider: the sign-in screen offers them. */
  async offered(): Promise<OfferedProviderDto[]> {
    return this.sso.offered();
  }

  /**
   * Sends the browser to the provider. The state, nonce and PKCE verifier stay here, filed under the state and bound
   * to the browser's cookie (kept when it already holds one, so two tabs may sign in at once).
   */
  async start(organizationId: string, browser: string | undefined): Promise<SsoOutcome & { browser: string }> {
    const binding = browser && BROWSER_BINDING.test(browser) ? browser : randomBytes(32).toString('base64url');
    try {
      const provider = await this.enabledProvider(organizationId);
      const checks = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier() };
      const url = await this.oidc.authorizationUrl(provider, checks);
      await this.sso.startLogin({
        stateHash: sha256(checks.state),
        organizationId,
        browserHash: sha256(binding),
        nonce: checks.nonce,
        codeVerifier: checks.codeVerifier,
      });
      return { redirect: url.href, browser: binding };
    } catch (error) {
      return { redirect: this.refusal(error, organizationId), browser: binding };
    }
  }

  /** The provider's answer: checked, then the account found, linked or made, and a session started. */
  async callback(search: string, browser: string | undefined, client: ClientInfo): Promise<SsoOutcome> {
    let organizationId: string | undefined;
    try {
      const state = new URLSearchParams(search).get('state');
      if (!state) throw new SsoRefused('sso-state-invalid', 'the callback has no state');
      const login = await this.sso.spendLogin(sha256(state));
      if (!login) throw new SsoRefused('sso-state-invalid', 'unknown or already used state');
      organizationId = login.organizationId;
      if (!browser || !sameHash(sha256(browser), login.browserHash)) {
        throw new SsoRefused('sso-state-invalid', 'the sign-in was started in another browser');
      }
      if (Date.now() - new Date(login.createdAt).getTime() > SSO_LOGIN_TTL_MS) {
        throw new SsoRefused('sso-expired', 'the provider answered too late');
      }
      const provider = await this.enabledProvider(login.organizationId);
      const identity = await this.oidc.verify(provider, search, { ...login, state });
      const email = this.allowedEmail(identity, provider);
      const session = await this.signIn(identity, email, login.organizationId, client);
      return { redirect: `${this.config.publicUrl}/?sso=signed-in`, session };
    } catch (error) {
      return { redirect: this.refusal(error, organizationId) };
    }
  }

  private async enabledProvider(organizationId: string): Promise<ProviderClient & ProviderWithSecret> {
    const provider = isUuid(organizationId) ? await this.sso.findWithSecret(organizationId) : null;
    if (!provider?.enabled) throw new SsoRefused('sso-unavailable', 'no enabled identity provider');
    let clientSecret: string | null = null;
    if (provider.clientSecretSealed !== null) {
      try {
        clientSecret = openClientSecret(this.config.jwt.secret, provider.clientSecretSealed);
      } catch {
        throw new SsoRefused(
          'sso-provider-unreachable',
          'the stored client secret cannot be opened (JWT_SECRET changed?)',
        );
      }
    }
    return { ...provider, clientSecret };
  }

  /** The address the provider vouches for, on a domain the workspace admin allowed it; lower-cased. */
  private allowedEmail(identity: VerifiedIdentity, provider: ProviderWithSecret): string {
    if (!identity.email || !identity.emailVerified) {
      throw new SsoRefused('sso-email-unverified', 'the provider does not vouch for an address');
    }
    const email = identity.email.trim().toLowerCase();
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!email.includes('@') || !provider.allowedDomains.includes(domain)) {
      throw new SsoRefused('sso-domain-not-allowed', `the domain ${domain} is not allowed for this provider`);
    }
    return email;
  }

  /**
   * One transaction: the account the identity signed in to before; else the account with its address, linked now;
   * else a new account, verified and affiliated. Two first sign-ins at once: the loser of the race tries again and
   * finds what the winner made.
   */
  private async signIn(
    identity: VerifiedIdentity,
    email: string,
    organizationId: string,
    client: ClientInfo,
  ): Promise<AuthResponseDto> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          const userId = await this.accountFor(tx, identity, email, organizationId);
          // The workspace admin's deactivation outranks the provider: it still vouches for the person, not for access.
          if ((await this.users.signInState(userId, tx))?.deactivated) {
            throw new SsoRefused('sso-account-unavailable', 'the account is deactivated');
          }
          // A password sign-in would ask for the second factor (TOTP) here; a provider's sign-in does not: the
          // provider is responsible for its own second factor.
          return this.auth.signIn(tx, userId, client);
        });
      } catch (error) {
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async accountFor(
    tx: EntityManager,
    identity: VerifiedIdentity,
    email: string,
    organizationId: string,
  ): Promise<string> {
    const known = await this.sso.userOfIdentity(tx, identity.issuer, identity.subject);
    if (known) return known;
    const existing = await this.sso.lockUserByEmail(tx, email);
    if (existing) {
      if (existing.kind !== 'person') throw new SsoRefused('sso-account-unavailable', 'the address is not a person');
      // Another subject of the same provider owned this account: the address was given to someone else since.
      if (await this.sso.hasIdentityAt(tx, existing.id, identity.issuer)) {
        throw new SsoRefused('sso-account-unavailable', 'the account is linked to another subject of this provider');
      }
      await this.sso.linkIdentity(tx, { issuer: identity.issuer, subject: identity.subject, userId: existing.id });
      await this.sso.verifyAndAffiliate(tx, existing.id, organizationId);
      return existing.id;
    }
    const user = await this.users.insert(tx, {
      email,
      displayName: displayName(identity, email),
      organizationId,
      requestedOrganizationId: null,
      locale: identity.locale?.toLowerCase().startsWith('ar') ? 'ar' : 'en',
      passwordHash: NO_PASSWORD,
      isAdmin: false,
      emailVerifiedAt: new Date(),
    });
    await this.sso.linkIdentity(tx, { issuer: identity.issuer, subject: identity.subject, userId: user.id });
    return user.id;
  }

  /** The client's sign-in screen, saying why; the log says more (never a code, token or secret). */
  private refusal(error: unknown, organizationId: string | undefined): string {
    const refused = error instanceof SsoRefused ? error : null;
    const code = refused?.code ?? 'sso-failed';
    const where = organizationId && isUuid(organizationId) ? ` (organization ${organizationId})` : '';
    if (refused) this.logger.warn(`Single sign-on refused${where}: ${refused.message}`);
    else this.logger.error(`Single sign-on failed${where}: ${(error as Error)?.message ?? String(error)}`);
    return `${this.config.publicUrl}/login?sso-error=${code}`;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** The provider's name for the person, else the address's local part; within the column's 120 characters. */
function displayName(identity: VerifiedIdentity, email: string): string {
  const name = identity.name?.trim() || email.slice(0, email.lastIndexOf('@'));
  return name.slice(0, 120);
}
