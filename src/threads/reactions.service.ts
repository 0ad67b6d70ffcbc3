import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { preparedQuery } from '../database/prepared-query';
import { ChangeFeedService } from '../events/change-feed.service';
import { ReactionsChangedDto, ReactionSummaryDto } from './dto/message.dto';

/** Emoji reactions on messages: one per user and emoji, toggled. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
  ) {}

  /** Adds the caller's reaction, or takes it back if they had given it. */
  async toggle(user: AuthUser, messageId: string, emoji: string): Promise<ReactionsChangedDto> {
    const groupId = await this.access.requireOn(user, Permission.ReactionToggle, { kind: 'message', id: messageId });
    return this.db.transaction(async (tx) => {
      const [row]: { thread_id: string; deleted_at: Date | null }[] = await tx.query(
        'SELECT thread_id, deleted_at FROM messages WHERE id = $1 FOR UPDATE',
        [messageId],
      );
      if (row.deleted_at) throw new ConflictException('A deleted message takes no reactions');
      const [, removed] = (await tx.query(
        'DELETE FROM reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3',
        [messageId, user.id, emoji],
      )) as [unknown, number];
      if (removed === 0) {
        await tx.query('INSERT INTO reactions (message_id, user_id, emoji) VALUES ($1, $2, $3)', [
          messageId,
          user.id,
          emoji,
        ]);
      }
      const changed: ReactionsChangedDto = {
        messageId,
        threadId: row.thread_id,
        reactions: (await this.of(tx, [messageId])).get(messageId) ?? [],
      };
      await this.feed.append(tx, groupId, 'reaction.changed', changed, user.id);
      return changed;
    });
  }

  /** Counts per emoji and who reacted, for many messages in one query. */
  async of(tx: EntityManager, messageIds: string[]): Promise<Map<string, ReactionSummaryDto[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = await preparedQuery<{ message_id: string; emoji: string; user_ids: string[] }>(
      tx,
      'tansiq.reactions-of',
      `SELECT message_id, emoji, array_agg(user_id ORDER BY created_at) AS user_ids FROM reactions
        WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, emoji ORDER BY message_id, min(created_at)`,
      [messageIds],
    );
    const byMessage = new Map<string, ReactionSummaryDto[]>();
    for (const row of rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push({ emoji: row.emoji, count: row.user_ids.length, userIds: row.user_ids });
      byMessage.set(row.message_id, list);
    }
    return byMessage;
  }
}
