import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventsRepository } from './events.repository';

/**
 * Retry keys. A write made safe to retry stores its client id with its answer in the write's own statement (see
 * threads/message.repository.ts); a retry, or the loser of two concurrent sends with one id, reads that answer here, so
 * every retry is answered exactly as the first attempt was.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly repository: EventsRepository) {}

  /** The answer stored under a client id, or null when the id was never used. */
  stored<T>(userId: string, clientId: string, db?: EntityManager): Promise<T | null> {
    return this.repository.storedResponse<T>(userId, clientId, db);
  }
}
