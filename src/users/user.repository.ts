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

  /** With its organization and requested organization, as toUserDto() needs it. */
  withOrganizations(userId: string, db: EntityManager = this.db.manager): Promise<User | null> {
    return db
      .getRepository(User)
      .findOne({ where: { id: userId }, relations: { organization: true, requestedOrganization: true } });
  }

  /** The id and password hash of the account with this (lower-cased) email, for a sign-in. */
  credentialsByEmail(email: string): Promise<Pick<User, 'id' | 'passwordHash'> | null> {
    return this.db.getRepository(User).findOne({ where: { email }, select: { id: true, passwordHash: true } });
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

  requestedOrganization(userId: string): Promise<Pick<User, 'id' | 'requestedOrganizationId'> | null> {
    return this.db.getRepository(User).findOne({
      where: { id: userId },
      select: { id: true, requestedOrganizationId: true },
    });
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
      'UPDATE users SET organization_id = requested_organization_id, requested_organization_id = NULL WHERE email = $1',
      [email],
    );
  }
}
