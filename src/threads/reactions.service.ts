import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { ChangeFeedService } from '../events/change-feed.service';
import { ReactionsChangedDto } from './dto/message.dto';
import { MessageRepository } from './message.repository';
import { ReactionRepository } from './reaction.repository';
import { refusal } from '../common/errors/refusal';

/** Emoji reactions on messages: one per user and emoji, toggled. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly messages: MessageRepository,
    private readonly reactions: ReactionRepository,
  ) {}

  /** Adds the caller's reaction, or takes it back if they had given it. */
  async toggle(user: AuthUser, messageId: string, emoji: string): Promise<ReactionsChangedDto> {
    const groupId = await this.access.requireOn(user, Permission.ReactionToggle, { kind: 'message', id: messageId });
    return this.db.transaction(async (tx) => {
      const message = await this.messages.lock(tx, messageId);
      if (message.deletedAt) throw new ConflictException(refusal('message-deleted-no-reactions'));
      await this.reactions.toggle(tx, messageId, user.id, emoji);
      const changed: ReactionsChangedDto = {
        messageId,
        threadId: message.threadId,
        reactions: (await this.reactions.of(tx, [messageId])).get(messageId) ?? [],
      };
      await this.feed.append(tx, groupId, 'reaction.changed', changed, user.id);
      return changed;
    });
  }
}
