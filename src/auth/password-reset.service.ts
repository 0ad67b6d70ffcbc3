import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ValidationFailed } from '../common/validation.pipe';
import { DomainEventBus } from '../events/domain-event-bus';
import { EmailOutbox } from '../jobs/email-outbox';
import { UserRepository } from '../users/user.repository';
import { AccountTokenRepository } from './account-token.repository';
import { hashPassword } from './password';
import { requireStrongPassword } from './password-strength';
import { SessionService } from './session.service';
import { hashRefreshToken as sha256 } from './token.service';
import { fieldError, refusal } from '../common/errors/refusal';

/** A reset link works for an hour: long enough to reach a mailbox, short enough that an old one is dead. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** Where the emailed link lands in the client; the token follows, URL-encoded. */
const RESET_PATH = '/reset-password/';

/**
 * Password reset by email. Nobody is signed in here, so there is no access check: the request answers the same
 * whatever the address, and the confirmation's only credential is the emailed single-use token.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: AccountTokenRepository,
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly events: DomainEventBus,
    @Inject(EmailOutbox) private readonly outbox: EmailOutbox,
  ) {}

  /** Emails a reset link if the address has an account; says nothing either way (no account enumeration). */
  async request(email: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const account = await this.users.personalWordsByEmail(email, tx);
      if (!account) return;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
      await this.tokens.insert(tx, {
        userId: account.id,
        purpose: 'reset-password',
        tokenHash: sha256(token),
        expiresAt,
      });
      await this.outbox.queue(tx, [
        {
          kind: 'password-reset',
          userId: account.id,
          payload: { path: RESET_PATH, expiresAt: expiresAt.toISOString() },
          secret: token,
          urgent: true,
        },
      ]);
    });
  }

  /**
   * Sets the new password once per token, spends every open reset link of the account, and ends all its sessions:
   * whoever held the old password (or a stolen session) is out, on every device and socket.
   */
  async confirm(token: string, newPassword: string): Promise<void> {
    const { userId, revoked } = await this.db.transaction(async (tx) => {
      const row = await this.tokens.lock(tx, 'reset-password', sha256(token));
      if (!row || row.usedAt || new Date(row.expiresAt).getTime() <= Date.now()) {
        throw new ValidationFailed([fieldError('token', 'token-invalid')]);
      }
      const account = await this.users.personalWords(row.userId, tx);
      requireStrongPassword(newPassword, [account?.displayName ?? '', account?.email ?? ''], 'newPassword');
      await this.users.setPassword(tx, row.userId, await hashPassword(newPassword));
      await this.tokens.useAll(tx, row.userId, 'reset-password');
      // The link reached the address: that proves it as well as a confirmation link would.
      await this.users.markEmailVerified(tx, row.userId);
      return { userId: row.userId, revoked: await this.sessions.revokeAllIn(tx, row.userId, 'password-reset') };
    });
    for (const sessionId of revoked) this.sessions.announce(userId, sessionId, 'password-reset');
    this.events.emit('PasswordChanged', { userId });
  }

  /**
   * `node dist/cli.js reset-password`: whoever has a shell on the server sets an account's password, as a reset link
   * would — the same strength rule, every open reset link spent, every session ended — without the mailbox.
   */
  async resetByOperator(email: string, newPassword: string): Promise<{ userId: string }> {
    const { userId, revoked } = await this.db.transaction(async (tx) => {
      const account = await this.users.personalWordsByEmail(email.trim().toLowerCase(), tx);
      if (!account) throw new NotFoundException(refusal('user-not-found'));
      requireStrongPassword(newPassword, [account.displayName, account.email], 'password');
      await this.users.setPassword(tx, account.id, await hashPassword(newPassword));
      await this.tokens.useAll(tx, account.id, 'reset-password');
      return { userId: account.id, revoked: await this.sessions.revokeAllIn(tx, account.id, 'password-reset') };
    });
    for (const sessionId of revoked) this.sessions.announce(userId, sessionId, 'password-reset');
    this.events.emit('PasswordChanged', { userId });
    return { userId };
  }
}
