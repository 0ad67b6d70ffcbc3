import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface Idempotent<T> {
  result: T;
  /** True when this is a retry: the stored answer is returned and nothing was written again. */
  replayed: boolean;
}

/**
 * Makes a write safe to retry with the client's own id. The id is claimed inside the write's transaction:
 * a concurrent retry waits on the claim, then reads the first attempt's answer; if the first attempt rolled back,
 * the claim went with it and the retry does the work.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: DataSource) {}

  async run<T>(
    userId: string,
    clientId: string | undefined,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<Idempotent<T>> {
    if (!clientId) return { result: await this.db.transaction(work), replayed: false };
    return this.db.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(
        `INSERT INTO idempotency_keys (user_id, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING client_id`,
        [userId, clientId],
      );
      if (claimed.length === 0) return { result: (await this.stored<T>(userId, clientId, tx))!, replayed: true };
      // Stored as JSON and answered as JSON, so the first answer and every retry's are identical.
      const result = JSON.parse(JSON.stringify(await work(tx))) as T;
      await tx.query('UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND client_id = $2', [
        userId,
        clientId,
        JSON.stringify(result),
      ]);
      return { result, replayed: false };
    });
  }

  /** The answer stored under a client id, for writes that claim their key themselves (a message send). */
  async stored<T>(userId: string, clientId: string, db: EntityManager = this.db.manager): Promise<T | null> {
    const [row]: { response: T }[] = await db.query(
      'SELECT response FROM idempotency_keys WHERE user_id = $1 AND client_id = $2',
      [userId, clientId],
    );
    return row?.response ?? null;
  }
}
