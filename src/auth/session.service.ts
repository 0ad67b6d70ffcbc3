import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../events/domain-event-bus';
import { AccessClaims, AuthUser } from './auth-user';
import { Session } from './entities/session.entity';
import { SessionRepository } from './session.repository';

/** Sessions are what make logout and revocation effective at once, for requests and sockets alike. */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEventBus,
    private readonly sessions: SessionRepository,
  ) {}

  /** One query per request: the user as they are now, only while the token's session is live. */
  async resolve(claims: AccessClaims): Promise<AuthUser | null> {
    // Every request and handshake asks this: prepared once per connection.
    const row = await this.sessions.liveSessionUser(claims.sid, claims.sub);
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      organizationId: row.organizationId,
      isAdmin: row.isAdmin,
      emailVerified: row.emailVerified,
      locale: row.locale,
      sessionId: claims.sid,
    };
  }

  start(tx: EntityManager, userId: string): Promise<Session> {
    return this.sessions.start(tx, userId);
  }

  /** Marks the session revoked inside the caller's transaction; the caller announces it after commit. */
  async revokeIn(tx: EntityManager, sessionId: string, reason: string): Promise<void> {
    await this.sessions.revoke(tx, sessionId, reason);
  }

  announce(userId: string, sessionId: string | null, reason: string): void {
    this.events.emit('SessionRevoked', { userId, sessionId, reason });
  }

  async revoke(userId: string, sessionId: string, reason: string): Promise<void> {
    await this.revokeIn(this.db.manager, sessionId, reason);
    this.announce(userId, sessionId, reason);
  }

  /** Marks every session of the user revoked inside the caller's transaction; announce their ids after commit. */
  revokeAllIn(tx: EntityManager, userId: string, reason: string): Promise<string[]> {
    return this.sessions.revokeAll(tx, userId, reason);
  }

  /** After a password change: every other device signs in again. */
  async revokeAllExcept(userId: string, keepSessionId: string, reason: string): Promise<void> {
    const revoked = await this.sessions.revokeAllExcept(userId, keepSessionId, reason);
    for (const sessionId of revoked) this.announce(userId, sessionId, reason);
  }
}
