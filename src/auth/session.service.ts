import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { DomainEventBus } from '../events/domain-event-bus';
import { AccessClaims, AuthUser } from './auth-user';
import { Session } from './entities/session.entity';

interface SessionUserRow {
  id: string;
  email: string;
  display_name: string;
  organization_id: string | null;
  is_admin: boolean;
  locale: 'en' | 'ar';
}

/** Sessions are what make logout and revocation effective at once, for requests and sockets alike. */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  /** One query per request: the user as they are now, only while the token's session is live. */
  async resolve(claims: AccessClaims): Promise<AuthUser | null> {
    // Every request and handshake asks this: prepared once per connection.
    const rows = await preparedQuery<SessionUserRow>(
      this.db.manager,
      'tansiq.session-user',
      `SELECT u.id, u.email, u.display_name, u.organization_id, u.is_admin, u.locale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [claims.sid, claims.sub],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      organizationId: row.organization_id,
      isAdmin: row.is_admin,
      locale: row.locale,
      sessionId: claims.sid,
    };
  }

  start(tx: EntityManager, userId: string): Promise<Session> {
    return tx.getRepository(Session).save({ userId, revokedAt: null, revokedReason: null });
  }

  /** Marks the session revoked inside the caller's transaction; the caller announces it after commit. */
  async revokeIn(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await tx
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  announce(userId: string, sessionId: string | null, reason: string): void {
    this.events.emit('SessionRevoked', { userId, sessionId, reason });
  }

  async revoke(userId: string, sessionId: string, reason: string): Promise<void> {
    await this.revokeIn(this.db.manager, sessionId, reason);
    this.announce(userId, sessionId, reason);
  }

  /** After a password change: every other device signs in again. */
  async revokeAllExcept(userId: string, keepSessionId: string, reason: string): Promise<void> {
    const revoked = await this.db.getRepository(Session).find({
      where: { userId, revokedAt: IsNull(), id: Not(keepSessionId) },
      select: { id: true },
    });
    if (revoked.length === 0) return;
    await this.db.getRepository(Session).update(
      revoked.map((s) => s.id),
      { revokedAt: new Date(), revokedReason: reason },
    );
    for (const session of revoked) this.announce(userId, session.id, reason);
  }
}
