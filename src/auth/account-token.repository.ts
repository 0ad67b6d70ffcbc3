import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './entities/account-token.entity';

/** A token's state as its use sees it: locked until the using transaction ends. */
export interface AccountTokenState {
  id: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Every query on one-time account tokens. */
@Injectable()
export class AccountTokenRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tx: EntityManager,
    token: Pick<AccountToken, 'userId' | 'purpose' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await tx.getRepository(AccountToken).insert(token);
  }

  /** The token with this hash and purpose, locked, so two uses of one token cannot both pass. */
  async lock(tx: EntityManager, purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountTokenState | null> {
    const [row]: AccountTokenState[] = await tx.query(
      `SELECT id, user_id AS "userId", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE`,
      [tokenHash, purpose],
    );
    return row ?? null;
  }

  /** Spends every open token of this purpose of the account: the one used, and any older link still in a mailbox. */
  async useAll(tx: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await tx.query(
      'UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL',
      [userId, purpose],
    );
  }
}
