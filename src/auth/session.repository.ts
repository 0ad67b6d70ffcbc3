import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { User } from '../users/entities/user.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';

/** The user a live session belongs to, as every request reads them. */
export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'organizationId' | 'isAdmin' | 'locale'> & {
  emailVerified: boolean;
};

/** A refresh token with the state of its session, as a rotation reads it (locked). */
export type RefreshTokenState = Pick<RefreshToken, 'id' | 'sessionId' | 'expiresAt' | 'usedAt'> &
  Pick<Session, 'userId' | 'revokedAt'>;

/** Every query on sessions and their refresh tokens. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: DataSource) {}

  /** One query per request, prepared once per connection: the user, only while the session is live. */
  async liveSessionUser(sessionId: string, userId: string): Promise<SessionUser | undefined> {
    const [row] = await preparedQuery<SessionUser>(
      this.db.manager,
      'tansiq.session-user',
      `SELECT u.id, u.email, u.display_name AS "displayName", u.organization_id AS "organizationId",
              u.is_admin AS "isAdmin", u.locale, u.email_verified_at IS NOT NULL AS "emailVerified"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [sessionId, userId],
    );
    return row;
  }

  start(tx: EntityManager, userId: string): Promise<Session> {
    return tx.getRepository(Session).save({ userId, revokedAt: null, revokedReason: null });
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
