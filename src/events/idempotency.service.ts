import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Retry keys. A write made safe to retry stores its client id with its answer in the write's own statement (see
 * threads/message.repository.ts); a retry, or the loser of two concurrent sends with one id, reads that answer here, so
 * every retry is answered exactly as the first attempt was.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: DataSource) {}

  /** The answer stored under a client id, or null when the id was never used. */
  async stored<T>(userId: string, clientId: string, db: EntityManager = this.db.manager): Promise<T | null> {
    const [row]: { response: T }[] = await db.query(
      'SELECT response FROM idempotency_keys WHERE user_id = $1 AND client_id = $2',
      [userId, clientId],
    );
    return row?.response ?? null;
  }
}
