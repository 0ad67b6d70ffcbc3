import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TwoFactorCredential } from './entities/two-factor-credential.entity';
import type { TwoFactorAudience } from './entities/two-factor-requirement.entity';

export type CredentialState = Pick<
  TwoFactorCredential,
  'secretSealed' | 'enabledAt' | 'lastUsedStep' | 'failedAttempts' | 'lockedUntil'
>;

/** Every query on authenticators, recovery codes and the workspace's two-factor requirement. */
@Injectable()
export class TwoFactorRepository {
  constructor(private readonly db: DataSource) {}

  async find(userId: string, db: EntityManager = this.db.manager): Promise<CredentialState | null> {
    const [row]: CredentialState[] = await db.query(`${SELECT_STATE} WHERE user_id = $1`, [userId]);
    return row ?? null;
  }

  /** Locked until the transaction ends: two codes checked at once cannot both pass, nor both miss the count. */
  async lock(tx: EntityManager, userId: string): Promise<CredentialState | null> {
    const [row]: CredentialState[] = await tx.query(`${SELECT_STATE} WHERE user_id = $1 FOR UPDATE`, [userId]);
    return row ?? null;
  }

  /** A new secret waiting for its first code; replaces one set up before and never confirmed. */
  async savePending(tx: EntityManager, userId: string, secretSealed: string): Promise<void> {
    await tx.query(
      `INSERT INTO two_factor_credentials (user_id, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = $2, enabled_at = NULL, last_used_step = NULL,
              failed_attempts = 0, locked_until = NULL, created_at = now()
        WHERE two_factor_credentials.enabled_at IS NULL`,
      [userId, secretSealed],
    );
  }

  async enable(tx: EntityManager, userId: string): Promise<void> {
    await tx.query('UPDATE two_factor_credentials SET enabled_at = now() WHERE user_id = $1', [userId]);
  }

  async remove(tx: EntityManager, userId: string): Promise<void> {
    await tx.query('DELETE FROM two_factor_recovery_codes WHERE user_id = $1', [userId]);
    await tx.query('DELETE FROM two_factor_credentials WHERE user_id = $1', [userId]);
  }

  /** A right code: its step is the last used (no replay), and the count of wrong ones starts again. */
  async recordSuccess(tx: EntityManager, userId: string, step: number | null): Promise<void> {
    await tx.query(
      `UPDATE two_factor_credentials
          SET failed_attempts = 0, locked_until = NULL, last_used_step = coalesce($2, last_used_step)
        WHERE user_id = $1`,
      [userId, step],
    );
  }

  /** A wrong code: one more in a row; at the limit, codes are refused until the lock ends. */
  async recordFailure(tx: EntityManager, userId: string, maxFailures: number, lockMinutes: number): Promise<void> {
    await tx.query(
      `UPDATE two_factor_credentials
          SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE user_id = $1`,
      [userId, maxFailures, lockMinutes],
    );
  }

  async replaceRecoveryCodes(tx: EntityManager, userId: string, codeHashes: string[]): Promise<void> {
    await tx.query('DELETE FROM two_factor_recovery_codes WHERE user_id = $1', [userId]);
    await tx.query(`INSERT INTO two_factor_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::char(64)[])`, [
      userId,
      codeHashes,
    ]);
  }

  /** Spends the code if it is the account's and unused; true when this call spent it. */
  async useRecoveryCode(tx: EntityManager, userId: string, codeHash: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE two_factor_recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, codeHash],
    );
    return rows.length > 0;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await this.db.query(
      'SELECT count(*)::int AS count FROM two_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return Number(count);
  }

  /** Whether the workspace requires a second factor of this account: by its admin role, or any facilitator role. */
  async isRequiredOf(userId: string): Promise<boolean> {
    const [row]: { required: boolean }[] = await this.db.query(
      `SELECT (u.kind = 'person'
               AND ((u.is_admin AND EXISTS (SELECT 1 FROM two_factor_requirements r WHERE r.audience = 'admins'))
                 OR (EXISTS (SELECT 1 FROM two_factor_requirements r WHERE r.audience = 'facilitators')
                     AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'facilitator'))))
              AS required
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return row?.required ?? false;
  }

  async audiences(db: EntityManager = this.db.manager): Promise<TwoFactorAudience[]> {
    const rows: { audience: TwoFactorAudience }[] = await db.query(
      'SELECT audience FROM two_factor_requirements ORDER BY audience',
    );
    return rows.map((row) => row.audience);
  }

  async replaceAudiences(tx: EntityManager, audiences: TwoFactorAudience[], setBy: string): Promise<void> {
    await tx.query('DELETE FROM two_factor_requirements WHERE NOT (audience = ANY($1::varchar[]))', [audiences]);
    await tx.query(
      `INSERT INTO two_factor_requirements (audience, set_by) SELECT unnest($1::varchar[]), $2
       ON CONFLICT (audience) DO NOTHING`,
      [audiences, setBy],
    );
  }

  /** The account's address: the label an authenticator app shows beside the codes. */
  async emailOf(userId: string): Promise<string> {
    const [row]: { email: string }[] = await this.db.query('SELECT email FROM users WHERE id = $1', [userId]);
    return row?.email ?? '';
  }
}

const SELECT_STATE = `
  SELECT secret_sealed AS "secretSealed", enabled_at AS "enabledAt", last_used_step AS "lastUsedStep",
         failed_attempts AS "failedAttempts", locked_until AS "lockedUntil"
    FROM two_factor_credentials`;
