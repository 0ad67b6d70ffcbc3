import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationPersonDto } from './dto/organization-people.dto';

/** A person row before paging: the sort key is its creation time and id. */
export type OrganizationPersonRow = Omit<OrganizationPersonDto, 'createdAt'> & { createdAt: Date };

const PERSON = `u.id, u.display_name AS "displayName", u.email, u.created_at AS "createdAt",
  u.email_verified_at IS NOT NULL AS "emailVerified", u.deactivated_at IS NULL AS active,
  EXISTS (SELECT 1 FROM organization_admins a WHERE a.organization_id = $1 AND a.user_id = u.id) AS "organizationAdmin"`;

/** Every query on who speaks for an organization: its people, their requests, its admins and its email domains. */
@Injectable()
export class OrganizationPeopleRepository {
  constructor(private readonly db: DataSource) {}

  async exists(organizationId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM organizations WHERE id = $1', [organizationId]);
    return rows.length > 0;
  }

  /** An organization admin counts only while the account still speaks for the organization. */
  async isAdmin(userId: string, organizationId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM organization_admins a JOIN users u ON u.id = a.user_id AND u.organization_id = a.organization_id
        WHERE a.user_id = $1 AND a.organization_id = $2`,
      [userId, organizationId],
    );
    return rows.length > 0;
  }

  /** The organizations this account administers (one at most while admins must belong to theirs). */
  async administered(userId: string, db: EntityManager = this.db.manager): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT a.organization_id AS id FROM organization_admins a
         JOIN users u ON u.id = a.user_id AND u.organization_id = a.organization_id
        WHERE a.user_id = $1`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  /** People who speak for the organization (`members`) or ask to (`requests`), oldest first, after the cursor. */
  people(
    organizationId: string,
    which: 'members' | 'requests',
    cursor: [string, string] | null,
    limit: number,
  ): Promise<OrganizationPersonRow[]> {
    const filter =
      which === 'members'
        ? 'u.organization_id = $1'
        : 'u.requested_organization_id = $1 AND u.organization_id IS DISTINCT FROM $1';
    return this.db.query(
      `SELECT ${PERSON} FROM users u
        WHERE ${filter} AND u.kind = 'person'
          AND ($2::timestamptz IS NULL OR (u.created_at, u.id) > ($2::timestamptz, $3::uuid))
        ORDER BY u.created_at, u.id LIMIT $4`,
      [organizationId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit],
    );
  }

  async person(tx: EntityManager, organizationId: string, userId: string): Promise<OrganizationPersonRow | null> {
    const [row]: OrganizationPersonRow[] = await tx.query(`SELECT ${PERSON} FROM users u WHERE u.id = $2`, [
      organizationId,
      userId,
    ]);
    return row ?? null;
  }

  /** The account's affiliation and request, locked for the change that follows. */
  async lockAccount(
    tx: EntityManager,
    userId: string,
  ): Promise<{ organizationId: string | null; requestedOrganizationId: string | null; verified: boolean } | null> {
    const [row]: { organizationId: string | null; requestedOrganizationId: string | null; verified: boolean }[] =
      await tx.query(
        `SELECT organization_id AS "organizationId", requested_organization_id AS "requestedOrganizationId",
                email_verified_at IS NOT NULL AS verified
           FROM users WHERE id = $1 AND kind = 'person' FOR UPDATE`,
        [userId],
      );
    return row ?? null;
  }

  /** Grants the organization the account asked for, settling the request. */
  async affiliate(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    await tx.query(
      `UPDATE users SET organization_id = $1,
              requested_organization_id = CASE WHEN requested_organization_id = $1 THEN NULL
                                               ELSE requested_organization_id END
        WHERE id = $2`,
      [organizationId, userId],
    );
  }

  async declineRequest(tx: EntityManager, userId: string): Promise<void> {
    await tx.query('UPDATE users SET requested_organization_id = NULL WHERE id = $1', [userId]);
  }

  /** Ends the account's affiliation with the organization, and with it any admin role there. */
  async unaffiliate(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    await tx.query('UPDATE users SET organization_id = NULL WHERE id = $2 AND organization_id = $1', [
      organizationId,
      userId,
    ]);
    await this.removeAdmin(tx, organizationId, userId);
  }

  /** Drops every admin role the account holds outside the organization it now speaks for. */
  async dropStaleAdminRoles(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(
      `DELETE FROM organization_admins a USING users u
        WHERE a.user_id = $1 AND u.id = a.user_id AND a.organization_id IS DISTINCT FROM u.organization_id`,
      [userId],
    );
  }

  async addAdmin(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    await tx.query(
      'INSERT INTO organization_admins (organization_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [organizationId, userId],
    );
  }

  async removeAdmin(tx: EntityManager, organizationId: string, userId: string): Promise<void> {
    await tx.query('DELETE FROM organization_admins WHERE organization_id = $1 AND user_id = $2', [
      organizationId,
      userId,
    ]);
  }

  async domains(organizationIds: string[]): Promise<{ organizationId: string; domain: string }[]> {
    if (organizationIds.length === 0) return [];
    return this.db.query(
      `SELECT organization_id AS "organizationId", domain FROM organization_domains
        WHERE organization_id = ANY($1::uuid[]) ORDER BY domain`,
      [organizationIds],
    );
  }

  /** Which of these domains another organization already verified. */
  async domainsOfOthers(tx: EntityManager, organizationId: string, domains: string[]): Promise<string[]> {
    const rows: { domain: string }[] = await tx.query(
      'SELECT domain FROM organization_domains WHERE domain = ANY($1::text[]) AND organization_id <> $2',
      [domains, organizationId],
    );
    return rows.map((row) => row.domain);
  }

  async replaceDomains(tx: EntityManager, organizationId: string, domains: string[]): Promise<void> {
    await tx.query('DELETE FROM organization_domains WHERE organization_id = $1 AND NOT (domain = ANY($2::text[]))', [
      organizationId,
      domains,
    ]);
    await tx.query(
      `INSERT INTO organization_domains (domain, organization_id)
       SELECT unnest($2::text[]), $1 ON CONFLICT (domain) DO NOTHING`,
      [organizationId, domains],
    );
  }

  /**
   * Affiliates every confirmed account on these domains that speaks for no organization yet (an account already
   * affiliated elsewhere is left where an admin put it). Answers how many.
   */
  async affiliateByDomains(tx: EntityManager, organizationId: string, domains: string[]): Promise<number> {
    if (domains.length === 0) return 0;
    const [, count]: [unknown, number] = await tx.query(
      `UPDATE users SET organization_id = $1,
              requested_organization_id = CASE WHEN requested_organization_id = $1 THEN NULL
                                               ELSE requested_organization_id END
        WHERE organization_id IS NULL AND email_verified_at IS NOT NULL AND kind = 'person'
          AND split_part(email, '@', 2) = ANY($2::text[])`,
      [organizationId, domains],
    );
    return count;
  }
}
