import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { ClientInfo } from './client-info';
import type { User } from '../users/entities/user.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

/** The user a live session belongs to, as every request reads them. */
export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'organizationId' | 'isAdmin' | 'locale'> & {
  emailVerified: boolean;
};

/** A session as the request that uses it reads it: when it was last seen, and whether a second factor is owed. */
export type LiveSessionUser = SessionUser & { lastSeenAt: Date | null; twoFactorMissing: boolean };

/** A session in the account's own list. */
export type SessionRow = Pick<Session, 'id' | 'userAgent' | 'ipAddress' | 'createdAt' | 'lastSeenAt'>;

/** A refresh token with the state of its session, as a rotation reads it (locked). */
export type RefreshTokenState = Pick<RefreshToken, 'id' | 'sessionId' | 'expiresAt' | 'usedAt'> &
  Pick<Session, 'userId' | 'revokedAt'>;

/** Every query on sessions and their refresh tokens. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One query per request, prepared once per connection: the user, only while the session is live and the account
   * active, and whether the workspace requires a second factor of them that they have not set up (a few index
   * probes: the requirement table holds two rows at most).
   */
  async liveSessionUser(sessionId: string, userId: string): Promise<LiveSessionUser | undefined> {
    const [row] = await preparedQuery<LiveSessionUser>(
      this.db.manager,
      'tansiq.live-session-user',
      `SELECT u.id, u.email, u.display_name AS "displayName", u.organization_id AS "organizationId",
              u.is_admin AS "isAdmin", u.locale, u.email_verified_at IS NOT NULL AS "emailVerified",
              s.last_seen_at AS "lastSeenAt",
              (u.kind = 'person'
               AND NOT EXISTS (SELECT 1 FROM two_factor_credentials c WHERE c.user_id = u.id AND c.enabled_at IS NOT NULL)
               AND ((u.is_admin AND EXISTS (SELECT 1 FROM two_factor_requirements r WHERE r.audience = 'admins'))
                 OR (EXISTS (SELECT 1 FROM two_factor_requirements r WHERE r.audience = 'facilitators')
                     AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'facilitator')))
              ) AS "twoFactorMissing"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.deactivated_at IS NULL`,
      [sessionId, userId],
    );
    return row;
  }

  start(tx: EntityManager, userId: string, client: ClientInfo): Promise<Session> {
    return tx.getRepository(Session).save({
      userId,
      userAgent: client.userAgent,
      ipAddress: client.ipAddress,
      lastSeenAt: new Date(),
      revokedAt: null,
      revokedReason: null,
    });
  }

  /** Conditional, so the requests of one session write it once a minute at most, whichever node serves them. */
  async touch(sessionId: string): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET last_seen_at = now()
        WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
      [sessionId],
    );
  }

  /** A refresh is the session seen again, perhaps from a new address. */
  async seen(tx: EntityManager, sessionId: string, ipAddress: string | null): Promise<void> {
    await tx.query('UPDATE sessions SET last_seen_at = now(), ip_address = coalesce($2, ip_address) WHERE id = $1', [
      sessionId,
      ipAddress,
    ]);
  }

  /**
   * The account's live sessions, last seen first: not revoked, and with a refresh token that can still be used
   * (one whose tokens all expired is gone, though nobody revoked it).
   */
  listLive(userId: string): Promise<SessionRow[]> {
    return this.db.query(
      `SELECT s.id, s.user_agent AS "userAgent", s.ip_address AS "ipAddress", s.created_at AS "createdAt",
              s.last_seen_at AS "lastSeenAt"
         FROM sessions s
        WHERE s.user_id = $1 AND s.revoked_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_tokens rt
                       WHERE rt.session_id = s.id AND rt.used_at IS NULL AND rt.expires_at > now())
        ORDER BY s.last_seen_at DESC NULLS LAST, s.created_at DESC
        LIMIT 100`,
      [userId],
    );
  }

  /** Revokes one of the account's own sessions; false when it is not theirs or has already ended. */
  async revokeOwn(userId: string, sessionId: string, reason: string): Promise<boolean> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [unknown[], number] = await this.db.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $3
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
      [sessionId, userId, reason],
    );
    return rows.length > 0;
  }

  async revoke(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await tx
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Revokes every live session of the user inside the caller's transaction, and answers their ids. */
  async revokeAll(tx: EntityManager, userId: string, reason: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Revokes the user's live sessions but one, and answers their ids. */
  async revokeAllExcept(userId: string, keepSessionId: string, reason: string): Promise<string[]> {
    const revoked = await this.db.getRepository(Session).find({
      where: { userId, revokedAt: IsNull(), id: Not(keepSessionId) },
      select: { id: true },
    });
    if (revoked.length === 0) return [];
    await this.db.getRepository(Session).update(
      revoked.map((s) => s.id),
      { revokedAt: new Date(), revokedReason: reason },
    );
    return revoked.map((s) => s.id);
  }

  async insertRefreshToken(
    tx: EntityManager,
    token: Pick<RefreshToken, 'sessionId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await tx.getRepository(RefreshToken).insert(token);
  }

  /** The token with this hash and its session's state, locked until the rotation's transaction ends. */
  async lockRefreshToken(tx: EntityManager, tokenHash: string): Promise<RefreshTokenState | undefined> {
    const [row]: RefreshTokenState[] = await tx.query(
      `SELECT rt.id, rt.session_id AS "sessionId", s.user_id AS "userId", rt.expires_at AS "expiresAt",
              rt.used_at AS "usedAt", s.revoked_at AS "revokedAt"
         FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
        WHERE rt.token_hash = $1
          FOR UPDATE OF rt`,
      [tokenHash],
    );
    return row;
  }

  async markRefreshTokenUsed(tx: EntityManager, tokenId: string): Promise<void> {
    await tx.getRepository(RefreshToken).update({ id: tokenId }, { usedAt: new Date() });
  }
}
