import type { Type } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ActionCommentDto, ActionItemDto } from '../../action-items/dto/action-item.dto';
import { AttachmentRemovedDto } from '../../attachments/dto/attachment.dto';
import { MessageDto, ReactionsChangedDto } from '../../threads/dto/message.dto';
import { PositionsDto } from '../../threads/dto/position.dto';
import { ThreadDto } from '../../threads/dto/thread.dto';
import { GroupDto } from '../../working-groups/dto/group.dto';
import { MemberDto } from '../../working-groups/dto/member.dto';
import type { ClientEvents, ClientEventType, FeedEvent } from '../events';

/** The answer to catch-up, over REST and the socket alike. */
export interface CatchUp {
  events: FeedEvent[];
  /** The group's newest seq: a client whose cursor is here is up to date. */
  lastSeq: number;
  /** True when events after the cursor were pruned (or the cursor is from another timeline): reload state. */
  resync: boolean;
  /** More events follow; ask again after the last one returned. */
  hasMore: boolean;
}

/** `member.removed`: who left the group. */
export class MemberRemovedDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
}

/** Each feed event's data, by type, as documented classes (ClientEvents is the type-level source of truth). */
const EVENT_DATA: { [K in ClientEventType]: Type<ClientEvents[K]> } = {
  'group.updated': GroupDto,
  'member.added': MemberDto,
  'member.updated': MemberDto,
  'member.removed': MemberRemovedDto,
  'thread.created': ThreadDto,
  'thread.updated': ThreadDto,
  'thread.pinned': ThreadDto,
  'message.created': MessageDto,
  'message.updated': MessageDto,
  'message.deleted': MessageDto,
  'reaction.changed': ReactionsChangedDto,
  'position.changed': PositionsDto,
  'recommendation.closed': ThreadDto,
  'action.created': ActionItemDto,
  'action.updated': ActionItemDto,
  'action.commented': ActionCommentDto,
  'attachment.removed': AttachmentRemovedDto,
};

/** `message.created` → MessageCreatedEventDto: one schema per event type, `type` its discriminator. */
function schemaName(type: string): string {
  return `${type.replace(/(^|[.-])(\w)/g, (_, _sep: string, letter: string) => letter.toUpperCase())}EventDto`;
}

function feedEventDto<K extends ClientEventType>(type: K, data: Type<ClientEvents[K]>): Type<FeedEvent<K>> {
  class FeedEventDto {
    @ApiProperty({ format: 'uuid' }) groupId: string;
    @ApiProperty({ type: 'integer', description: 'Position in the group’s change feed' }) seq: number;
    @ApiProperty({ enum: [type] }) type: K;
    @ApiProperty({ type: data }) data: ClientEvents[K];
    @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
    @ApiProperty({ format: 'date-time' }) at: string;
  }
  Object.defineProperty(FeedEventDto, 'name', { value: schemaName(type) });
  return FeedEventDto as unknown as Type<FeedEvent<K>>;
}

/** One documented class per feed event type; register them with @ApiExtraModels where CatchUpDto is answered. */
export const FEED_EVENT_DTOS = (Object.keys(EVENT_DATA) as ClientEventType[]).map((type) =>
  feedEventDto(type, EVENT_DATA[type] as Type<ClientEvents[typeof type]>),
);

export class CatchUpDto implements CatchUp {
  @ApiProperty({
    type: 'array',
    description: 'In seq order',
    items: {
      oneOf: FEED_EVENT_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(
          (Object.keys(EVENT_DATA) as ClientEventType[]).map((type) => [type, getSchemaPath(schemaName(type))]),
        ),
      },
    },
  })
  events: FeedEvent[];

  @ApiProperty({ type: 'integer', description: 'The group’s newest seq: a client whose cursor is here is up to date' })
  lastSeq: number;

  @ApiProperty({ description: 'Events after the cursor were pruned (or it is from another timeline): reload state' })
  resync: boolean;

  @ApiProperty({ description: 'More events follow: ask again after the last one returned' })
  hasMore: boolean;
}
