import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { ReactionGroup, ReactionSummaryDto, toReactionSummaries } from './dto/message.dto';

/** Counts per emoji and who reacted ($1: message ids). The REST benchmark's baseline runs this same statement. */
export const REACTIONS_OF = `SELECT message_id AS "messageId", emoji, array_agg(user_id ORDER BY created_at) AS "userIds"
   FROM reactions WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, emoji ORDER BY message_id, min(created_at)`;

/** Queries of emoji reactions: one per user, message and emoji. */
@Injectable()
export class ReactionRepository {
  /** Adds the user's reaction, or takes it back if they had given it. */
  async toggle(tx: EntityManager, messageId: string, userId: string, emoji: string): Promise<void> {
    const [, removed] = (await tx.query('DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3', [
      messageId,
      userId,
      emoji,
    ])) as [unknown, number];
    if (removed === 0) {
      await tx.query('INSERT INTO reactions (message_id, user_id, emoji) VALUES ($1, $2, $3)', [
        messageId,
        userId,
        emoji,
      ]);
    }
  }

  async clear(tx: EntityManager, messageId: string): Promise<void> {
    await tx.query('DELETE FROM reactions WHERE message_id = $1', [messageId]);
  }

  /** Counts per emoji and who reacted (in the order they did), for many messages in one query. */
  async of(db: EntityManager, messageIds: string[]): Promise<Map<string, ReactionSummaryDto[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = await preparedQuery<ReactionGroup>(db, 'tansiq.reactions-of', REACTIONS_OF, [messageIds]);
    return toReactionSummaries(rows);
  }
}
