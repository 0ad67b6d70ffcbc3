import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { User } from '../users/entities/user.entity';
import { IdentityProvider } from './entities/identity-provider.entity';
import { SsoLogin } from './entities/sso-login.entity';

/** What the admin's form sets; the sealed secret only when it changes (undefined keeps the stored one). */
export type IdentityProviderChanges = Pick<IdentityProvider, 'issuer' | 'clientId' | 'allowedDomains' | 'enabled'> & {
  clientSecretSealed?: string | null;
};

/** An identity provider with its sealed secret, as a sign-in needs it. */
export type ProviderWithSecret = IdentityProvider & { clientSecretSealed: string | null };

/** An enabled provider and its organization's name, for the sign-in screen. */
export interface OfferedProvider {
  organizationId: string;
  organizationName: string;
}

/** The account an email address names, as linking an identity to it needs it. */
export type LinkCandidate = Pick<User, 'id' | 'kind' | 'organizationId'>;

/** Every query on identity providers, the sign-ins under way at them and the identities accounts signed in with. */
@Injectable()
export class SsoRepository {
  constructor(private readonly db: DataSource) {}

  find(organizationId: string): Promise<IdentityProvider | null> {
    return this.db.getRepository(IdentityProvider).findOne({ where: { organizationId } });
  }

  async findWithSecret(organizationId: string): Promise<ProviderWithSecret | null> {
    const row = await this.db
      .getRepository(IdentityProvider)
      .createQueryBuilder('p')
      .addSelect('p.clientSecretSealed')
      .where('p.organization_id = :organizationId', { organizationId })
      .getOne();
    return row as ProviderWithSecret | null;
  }

  /** Inserts or replaces the organization's provider; a secret left undefined stays as it was. */
  async upsert(tx: EntityManager, organizationId: string, changes: IdentityProviderChanges): Promise<void> {
    const keepSecret = changes.clientSecretSealed === undefined;
    await tx.query(
      `INSERT INTO identity_providers (organization_id, issuer, client_id, client_secret_sealed, allowed_domains, enabled)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id) DO UPDATE
          SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, allowed_domains = EXCLUDED.allowed_domains,
              enabled = EXCLUDED.enabled, updated_at = now(),
              client_secret_sealed = CASE WHEN $7 THEN identity_providers.client_secret_sealed
                                          ELSE EXCLUDED.client_secret_sealed END`,
      [
        organizationId,
        changes.issuer,
        changes.clientId,
        changes.clientSecretSealed ?? null,
        changes.allowedDomains,
        changes.enabled,
        keepSecret,
      ],
    );
  }

  /** Whether there was one to delete. */
  async delete(organizationId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(
      'DELETE FROM identity_providers WHERE organization_id = $1',
      [organizationId],
    );
    return count > 0;
  }

  async organizationExists(organizationId: string): Promise<boolean> {
    const [row]: { found: boolean }[] = await this.db.query(
      'SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1) AS found',
      [organizationId],
    );
    return row.found;
  }

  offered(): Promise<OfferedProvider[]> {
    return this.db.query(
      `SELECT o.id AS "organizationId", o.name AS "organizationName"
         FROM identity_providers p JOIN organizations o ON o.id = p.organization_id
        WHERE p.enabled ORDER BY o.name`,
    );
  }

  /** A sign-in under way; sign-ins older than an hour (abandoned at the provider) are deleted on the way. */
  async startLogin(login: Omit<SsoLogin, 'createdAt' | 'organization'>): Promise<void> {
    await this.db.query(`DELETE FROM sso_logins WHERE created_at < now() - interval '1 hour'`);
    await this.db.query(
      `INSERT INTO sso_logins (state_hash, organization_id, browser_hash, nonce, code_verifier)
       VALUES ($1, $2, $3, $4, $5)`,
      [login.stateHash, login.organizationId, login.browserHash, login.nonce, login.codeVerifier],
    );
  }

  /** Takes the sign-in a state names, once: a second callback with the same state finds nothing. */
  async spendLogin(stateHash: string): Promise<SsoLogin | null> {
    const [rows]: [SsoLogin[], number] = await this.db.query(
      `DELETE FROM sso_logins WHERE state_hash = $1
       RETURNING state_hash AS "stateHash", organization_id AS "organizationId", browser_hash AS "browserHash",
                 nonce, code_verifier AS "codeVerifier", created_at AS "createdAt"`,
      [stateHash],
    );
    return rows[0] ?? null;
  }

  /** The account an identity signed in to before, if it still exists; marks the sign-in. */
  async userOfIdentity(tx: EntityManager, issuer: string, subject: string): Promise<string | null> {
    const [rows]: [{ userId: string }[], number] = await tx.query(
      `UPDATE external_identities SET last_sign_in_at = now() WHERE issuer = $1 AND subject = $2
       RETURNING user_id AS "userId"`,
      [issuer, subject],
    );
    return rows[0]?.userId ?? null;
  }

  /** The account with this lower-cased address, locked until the link is made. */
  async lockUserByEmail(tx: EntityManager, email: string): Promise<LinkCandidate | null> {
    const [row]: LinkCandidate[] = await tx.query(
      `SELECT id, kind, organization_id AS "organizationId" FROM users WHERE email = $1 FOR UPDATE`,
      [email],
    );
    return row ?? null;
  }

  /** Whether the account already holds an identity at this issuer (under another subject, when asked before linking). */
  async hasIdentityAt(tx: EntityManager, userId: string, issuer: string): Promise<boolean> {
    const [row]: { found: boolean }[] = await tx.query(
      'SELECT EXISTS (SELECT 1 FROM external_identities WHERE user_id = $1 AND issuer = $2) AS found',
      [userId, issuer],
    );
    return row.found;
  }

  async linkIdentity(tx: EntityManager, identity: { issuer: string; subject: string; userId: string }): Promise<void> {
    await tx.query('INSERT INTO external_identities (issuer, subject, user_id) VALUES ($1, $2, $3)', [
      identity.issuer,
      identity.subject,
      identity.userId,
    ]);
  }

  /**
   * The provider proved the address: the account is verified from now on, and speaks for the provider's organization
   * if it spoke for none (an account of another organization is never moved by a sign-in).
   */
  async verifyAndAffiliate(tx: EntityManager, userId: string, organizationId: string): Promise<void> {
    await tx.query(
      `UPDATE users
          SET email_verified_at = coalesce(email_verified_at, now()),
              organization_id = coalesce(organization_id, $2),
              requested_organization_id = CASE WHEN organization_id IS NULL AND requested_organization_id = $2
                                               THEN NULL ELSE requested_organization_id END,
              updated_at = now()
        WHERE id = $1`,
      [userId, organizationId],
    );
  }
}
