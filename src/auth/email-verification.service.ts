import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ValidationFailed } from '../common/validation.pipe';
import { EmailOutbox } from '../jobs/email-outbox';
import { UserRepository } from '../users/user.repository';
import { AccountTokenRepository } from './account-token.repository';
import { hashRefreshToken as sha256 } from './token.service';
import { fieldError } from '../common/errors/refusal';

/** A confirmation link works for two days: registrations often wait for the next working day. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/** Where the emailed link lands in the client; the token follows, URL-encoded. */
const VERIFY_PATH = '/verify-email/';

/**
 * Proving an address: a single-use link sent to it. Until an account follows one (or resets its password, or signs
 * in through its organization's identity provider) it cannot sign in, accept an invitation, speak for an
 * organization or be sent email.
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly db: DataSource,
    private readonly tokens: AccountTokenRepository,
    private readonly users: UserRepository,
    @Inject(EmailOutbox) private readonly outbox: EmailOutbox,
  ) {}

  /** Emails a new confirmation link to the account, in the caller's transaction. */
  async sendLink(tx: EntityManager, userId: string): Promise<void> {
    const expiresAt = new Date(Date.now() + EMAIL_VERIFICATION_TTL_MS);
    const token = await this.newToken(tx, userId, expiresAt);
    await this.outbox.queue(tx, [
      {
        kind: 'email-verification',
        userId,
        payload: { path: VERIFY_PATH, expiresAt: expiresAt.toISOString() },
        secret: token,
        urgent: true,
      },
    ]);
  }

  /** Tells an existing account that someone tried to register its address: what happened, and how to sign in. */
  async sendAccountExists(tx: EntityManager, userId: string): Promise<void> {
    await this.outbox.queue(tx, [{ kind: 'account-exists', userId, urgent: true }]);
  }

  /** The link's secret; only its hash is kept. Public for the tests' account factory, which has no mailbox. */
  async newToken(tx: EntityManager, userId: string, expiresAt = new Date(Date.now() + EMAIL_VERIFICATION_TTL_MS)) {
    const token = randomBytes(32).toString('base64url');
    await this.tokens.insert(tx, { userId, purpose: 'verify-email', tokenHash: sha256(token), expiresAt });
    return token;
  }

  /** A new link for an unconfirmed account at this address; nothing otherwise. Answers the same either way. */
  async resend(email: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const account = await this.users.byEmail(tx, email);
      if (!account || account.kind !== 'person' || account.emailVerifiedAt) return;
      await this.sendLink(tx, account.id);
    });
  }

  /** Spends the link (and every older one), marks the address proven, and affiliates by the address's domain. */
  async confirm(token: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.tokens.lock(tx, 'verify-email', sha256(token));
      if (!row || row.usedAt || new Date(row.expiresAt).getTime() <= Date.now()) {
        throw new ValidationFailed([fieldError('token', 'token-invalid')]);
      }
      await this.tokens.useAll(tx, row.userId, 'verify-email');
      await this.users.markEmailVerified(tx, row.userId);
    });
  }
}
