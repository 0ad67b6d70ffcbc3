import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { refuseApiToken } from '../access/access.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { AccessClaims, AuthUser } from './auth-user';
import { ClientInfo } from './client-info';
import { SessionDto, toSessionDto } from './dto/session.dto';
import { Session } from './entities/session.entity';
import { SessionRepository } from './session.repository';
import { refusal } from '../common/errors/refusal';

/** A session's last-seen time is a hint for its owner: one write a minute at most, never in the request's way. */
const TOUCH_EVERY_MS = 60_000;

/** Sessions are what make logout and revocation effective at once, for requests and sockets alike. */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

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
    if (!row.lastSeenAt || Date.now() - new Date(row.lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
      this.sessions.touch(claims.sid).catch((error: Error) => this.logger.debug(`last_seen_at: ${error.message}`));
    }
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      organizationId: row.organizationId,
      isAdmin: row.isAdmin,
      emailVerified: row.emailVerified,
      locale: row.locale,
      sessionId: claims.sid,
      ...(row.twoFactorMissing ? { twoFactorMissing: true } : {}),
    };
  }

  start(tx: EntityManager, userId: string, client: ClientInfo): Promise<Session> {
    return this.sessions.start(tx, userId, client);
  }

  /** The account's live sessions, the current one marked. */
  async list(user: AuthUser): Promise<SessionDto[]> {
    refuseApiToken(user, 'list sessions');
    return (await this.sessions.listLive(user.id)).map((row) => toSessionDto(row, user.sessionId));
  }

  /** Ends one of the account's sessions (the current one too: that is a logout); its sockets close at once. */
  async end(user: AuthUser, sessionId: string): Promise<void> {
    refuseApiToken(user, 'end sessions');
    if (!(await this.sessions.revokeOwn(user.id, sessionId, 'ended-by-user'))) {
      throw new NotFoundException(refusal('session-not-found'));
    }
    this.announce(user.id, sessionId, 'ended-by-user');
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
