import { ApiProperty } from '@nestjs/swagger';
import type { AttachmentDto } from '../../attachments/dto/attachment.dto';
import type { Message } from '../entities/message.entity';
import type { Reaction } from '../entities/reaction.entity';
import { PersonDto } from './thread.dto';

export class ReactionSummaryDto {
  emoji: string;
  count: number;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  userIds: string[];
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  threadId: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  /** The change-feed seq of its creation: messages are ordered by it. */
  seq: number;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  parentId: string | null;
  author: PersonDto | null;
  /** Markdown source; null once deleted. */
  body: string | null;
  /** Sanitized HTML; empty once deleted. */
  bodyHtml: string;
  mentions: string[];
  reactions: ReactionSummaryDto[];
  /** Its files, in the order they were uploaded; none once deleted. */
  attachments: AttachmentDto[];
  edited: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  editedAt: string | null;
  deleted: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class MessagePageDto {
  /** Oldest first. */
  items: MessageDto[];
  hasOlder: boolean;
  hasNewer: boolean;
}

export class MessageVersionDto {
  body: string;
  bodyHtml: string;
  /** When this text was replaced by the next. */
  @ApiProperty({ format: 'date-time' })
  replacedAt: string;
}

/** What a send acknowledges: the stored message with its seq. */
export class PostedMessage {
  message: MessageDto;
  seq: number;
}

/** Who reacted to a message with one emoji, in the order they did: what the reactions query reads. */
export type ReactionGroup = Pick<Reaction, 'messageId' | 'emoji'> & { userIds: string[] };

/** Each message's reactions, by message id, in the order the groups come. */
export function toReactionSummaries(groups: ReactionGroup[]): Map<string, ReactionSummaryDto[]> {
  const byMessage = new Map<string, ReactionSummaryDto[]>();
  for (const group of groups) {
    const list = byMessage.get(group.messageId) ?? [];
    list.push({ emoji: group.emoji, count: group.userIds.length, userIds: group.userIds });
    byMessage.set(group.messageId, list);
  }
  return byMessage;
}

export class ReactionsChangedDto {
  @ApiProperty({ format: 'uuid' })
  messageId: string;
  @ApiProperty({ format: 'uuid' })
  threadId: string;
  reactions: ReactionSummaryDto[];
}

/** A message as its queries read it: the entity's columns with its author's name. */
export type MessageRecord = Pick<
  Message,
  | 'id'
  | 'threadId'
  | 'groupId'
  | 'seq'
  | 'parentId'
  | 'authorId'
  | 'body'
  | 'bodyHtml'
  | 'mentions'
  | 'editedAt'
  | 'deletedAt'
  | 'createdAt'
> & { authorName: string | null };

/** A message before the database gives it its seq and time: what the insert stamps them into. */
export type MessageDraft = Omit<MessageDto, 'seq' | 'createdAt'>;

/** Every field of a message's DTO, mapped here only. One object literal: a page maps 50 of them per request. */
export function toMessageDto(
  row: MessageRecord,
  reactions: ReactionSummaryDto[] = [],
  attachments: AttachmentDto[] = [],
): MessageDto {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    threadId: row.threadId,
    groupId: row.groupId,
    seq: Number(row.seq),
    parentId: row.parentId,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    body: deleted ? null : row.body,
    bodyHtml: deleted ? '' : row.bodyHtml,
    mentions: deleted ? [] : row.mentions,
    reactions: deleted ? [] : reactions,
    attachments: deleted ? [] : attachments,
    edited: row.editedAt !== null,
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
    deleted,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * A new message's DTO without the two fields the database gives: its insert stamps in seq and createdAt, stores
 * the result as the feed event and the acknowledgement, and answers with it.
 */
export function toMessageDraft(row: Omit<MessageRecord, 'seq' | 'createdAt'>): MessageDraft {
  const { seq: _seq, createdAt: _createdAt, ...draft } = toMessageDto({ ...row, seq: '0', createdAt: new Date(0) });
  return draft;
}
