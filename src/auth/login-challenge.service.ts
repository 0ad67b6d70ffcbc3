import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountTokenRepository } from './account-token.repository';
import { hashRefreshToken as sha256 } from './token.service';

/** Five minutes to type the code from the phone: long enough to find it, short enough to be worth little if taken. */
export const LOGIN_CHALLENGE_TTL_SECONDS = 5 * 60;

/**
 * The proof that the password was right, handed back between the two steps of a sign-in with a second factor.
 * Stored as an account token (its SHA-256 only), so it is single-use and expires on the server, not just in a claim.
 */
@Injectable()
export class LoginChallengeService {
  constructor(private readonly tokens: AccountTokenRepository) {}

  async issue(tx: EntityManager, userId: string): Promise<string> {
    const challenge = randomBytes(32).toString('base64url');
    await this.tokens.insert(tx, {
      userId,
      purpose: 'two-factor-login',
      tokenHash: sha256(challenge),
      expiresAt: new Date(Date.now() + LOGIN_CHALLENGE_TTL_SECONDS * 1000),
    });
    return challenge;
  }

  /** The live challenge's account and token id, locked until the caller's transaction ends; null if spent or old. */
  async lock(tx: EntityManager, challenge: string): Promise<{ id: string; userId: string } | null> {
    const row = await this.tokens.lock(tx, 'two-factor-login', sha256(challenge));
    if (!row || row.usedAt || new Date(row.expiresAt).getTime() <= Date.now()) return null;
    return { id: row.id, userId: row.userId };
  }

  /** After a successful second step: this challenge, and any other still open for the account, are spent. */
  async spendAll(tx: EntityManager, userId: string): Promise<void> {
    await this.tokens.useAll(tx, userId, 'two-factor-login');
  }
}
