import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './entities/user.entity';

/** What registration stores for a new account. */
export type NewUser = Pick<
  User,
  | 'email'
  | 'displayName'
  | 'organizationId'
  | 'requestedOrganizationId'
  | 'locale'
  | 'passwordHash'
  | 'isAdmin'
  | 'emailVerifiedAt'
>;

/** An account as its owner sees it. */
export type UserProfile = User & { organizationAdmin: boolean };

/** Every query on users (accounts): registration, sign-in, profile, organization requests. */
@Injectable()
export class UserRepository {
  constructor(private readonly db: DataSource) {}

  async count(): Promise<number> {
    const [{ count }]: { count: number }[] = await this.db.query('SELECT count(*)::int AS count FROM users');
    return Number(count);
  }

  async existsWithEmail(email: string): Promise<boolean> {
    const [{ count }]: { count: number }[] = await this.db.query(
      'SELECT count(*)::int AS count FROM users WHERE email = $1',
      [email],
    );
    return Number(count) > 0;
  }

  /** Whether an invitation to this address is open: what lets it register when registration is invite-only. */
  async hasPendingInvitation(email: string): Promise<boolean> {
    const [row]: { pending: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM invitations WHERE lower(email) = $1 AND accepted_at IS NULL
                        AND revoked_at IS NULL AND expires_at > now()) AS pending`,
      [email.toLowerCase()],
    );
    return row.pending;
  }

  insert(tx: EntityManager, user: NewUser): Promise<User> {
    return tx.getRepository(User).save(user);
  }

  /** With its organization and requested organization, and whether it administers its organization: toUserDto()'s. */
  async withOrganizations(userId: string, db: EntityManager = this.db.manager): Promise<UserProfile | null> {
    const user = await db
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { organization: true, requestedOrganization: true } });
    if (!user) return null;
    const admin: unknown[] = user.organizationId
      ? await db.query('SELECT 1 FROM organization_admins WHERE user_id = $1 AND organization_id = $2', [
          userId,
          user.organizationId,
        ])
      : [];
    return Object.assign(user, { organizationAdmin: admin.length > 0 });
  }

  /** The id, password hash and state of the account with this (lower-cased) email, for a sign-in. */
  credentialsByEmail(
    email: string,
  ): Promise<Pick<User, 'id' | 'passwordHash' | 'emailVerifiedAt' | 'deactivatedAt'> | null> {
    return this.db.getRepository(User).findOne({
      where: { email },
      select: { id: true, passwordHash: true, emailVerifiedAt: true, deactivatedAt: true },
    });
  }

  /** The account registration finds at this (lower-cased) address, if any. */
  byEmail(tx: EntityManager, email: string): Promise<Pick<User, 'id' | 'kind' | 'emailVerifiedAt'> | null> {
    return tx
      .getRepository(User)
      .findOne({ where: { email }, select: { id: true, kind: true, emailVerifiedAt: true } });
  }

  async organizationExists(tx: EntityManager, organizationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM organizations WHERE id = $1', [organizationId]);
    return rows.length > 0;
  }

  /**
   * Records that the account proved its address, and, in the same statement, affiliates an account that speaks for
   * no organization yet with the organization that verified the address's domain (settling a request for it). An
   * affiliation already granted is never moved. Answers the organization the account now speaks for.
   */
  async markEmailVerified(tx: EntityManager, userId: string): Promise<{ organizationId: string | null }> {
    const [rows]: [{ organizationId: string | null }[], number] = await tx.query(
      `UPDATE users u
          SET email_verified_at = COALESCE(u.email_verified_at, now()),
              organization_id = COALESCE(u.organization_id, d.organization_id),
              requested_organization_id = CASE WHEN u.organization_id IS NULL
                                                AND d.organization_id = u.requested_organization_id
                                               THEN NULL ELSE u.requested_organization_id END
         FROM users v LEFT JOIN organization_domains d ON d.domain = split_part(v.email, '@', 2)
        WHERE u.id = $1 AND v.id = u.id
        RETURNING u.organization_id AS "organizationId"`,
      [userId],
    );
    return rows[0] ?? { organizationId: null };
  }

  /** What decides how a sign-in goes on once the password was right. */
  async signInState(
    userId: string,
    db: EntityManager = this.db.manager,
  ): Promise<{ deactivated: boolean; twoFactorEnabled: boolean } | null> {
    const [row]: { deactivated: boolean; twoFactorEnabled: boolean }[] = await db.query(
      `SELECT u.deactivated_at IS NOT NULL AS deactivated,
              EXISTS (SELECT 1 FROM two_factor_credentials c WHERE c.user_id = u.id AND c.enabled_at IS NOT NULL)
                AS "twoFactorEnabled"
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return row ?? null;
  }

  /** Deactivates (a date) or reactivates (null); false when there is no such account. */
  async setDeactivated(tx: EntityManager, userId: string, deactivated: boolean): Promise<Date | null | undefined> {
    const [rows]: [{ deactivatedAt: Date | null }[], number] = await tx.query(
      `UPDATE users SET deactivated_at = CASE WHEN $2 THEN coalesce(deactivated_at, now()) END
        WHERE id = $1 RETURNING deactivated_at AS "deactivatedAt"`,
      [userId, deactivated],
    );
    return rows.length === 0 ? undefined : rows[0].deactivatedAt;
  }

  /** What a password change checks: the current hash, and the personal words a new password may not contain. */
  passwordCheck(userId: string): Promise<Pick<User, 'id' | 'passwordHash' | 'email' | 'displayName'> | null> {
    return this.db.getRepository(User).findOne({
      where: { id: userId },
      select: { id: true, passwordHash: true, email: true, displayName: true },
    });
  }

  /** The id and personal words (for the strength check) of the account with this lower-cased address. */
  personalWordsByEmail(
    email: string,
    db: EntityManager = this.db.manager,
  ): Promise<Pick<User, 'id' | 'email' | 'displayName'> | null> {
    return db.getRepository(User).findOne({ where: { email }, select: { id: true, email: true, displayName: true } });
  }

  personalWords(userId: string, db: EntityManager): Promise<Pick<User, 'id' | 'email' | 'displayName'> | null> {
    return db
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, email: true, displayName: true } });
  }

  async setPassword(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId }, { passwordHash });
  }

  async updateIn(tx: EntityManager, userId: string, changes: Partial<User>): Promise<void> {
    await tx.getRepository(User).update({ id: userId }, changes);
  }

  async update(userId: string, changes: Partial<User>): Promise<void> {
    await this.db.getRepository(User).update({ id: userId }, changes);
  }

  /**
   * Accounts with an organization request, oldest first, after the (created at, id) cursor; `limit` rows plus one,
   * with their organizations.
   */
  organizationRequests(cursor: [string, string] | null, limit: number): Promise<User[]> {
    const qb = this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.organization', 'o')
      .leftJoinAndSelect('u.requestedOrganization', 'r')
      .where('u.requested_organization_id IS NOT NULL')
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit);
    if (cursor) qb.andWhere('(u.created_at, u.id) > (:at::timestamptz, :id::uuid)', { at: cursor[0], id: cursor[1] });
    return qb.getMany();
  }

  /** The demo seed makes its admin directly, as the setup link would (registering never makes one). */
  async grantAdmin(email: string): Promise<void> {
    await this.db.query('UPDATE users SET is_admin = true WHERE email = $1', [email]);
  }

  /** The demo seed grants what its accounts asked for, as the admin would. */
  async grantRequestedOrganization(email: string): Promise<void> {
    await this.db.query(
      `UPDATE users SET organization_id = requested_organization_id, requested_organization_id = NULL
        WHERE email = $1 AND requested_organization_id IS NOT NULL`,
      [email],
    );
  }
}
