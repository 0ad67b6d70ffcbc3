import { PersonDto } from './thread.dto';

export class ReactionSummaryDto {
  emoji: string;
  count: number;
  userIds: string[];
}

export class MessageDto {
  id: string;
  threadId: string;
  groupId: string;
  /** The change-feed seq of its creation: messages are ordered by it. */
  seq: number;
  parentId: string | null;
  author: PersonDto | null;
  /** Markdown source; null once deleted. */
  body: string | null;
  /** Sanitized HTML; empty once deleted. */
  bodyHtml: string;
  mentions: string[];
  reactions: ReactionSummaryDto[];
  edited: boolean;
  editedAt: string | null;
  deleted: boolean;
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
  replacedAt: string;
}

/** What a send acknowledges: the stored message with its seq. */
export class PostedMessage {
  message: MessageDto;
  seq: number;
}

export class ReactionsChangedDto {
  messageId: string;
  threadId: string;
  reactions: ReactionSummaryDto[];
}

export interface MessageRow {
  id: string;
  thread_id: string;
  group_id: string;
  seq: string;
  parent_id: string | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  body_html: string;
  mentions: string[];
  edited_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

export const MESSAGE_COLUMNS = `m.id, m.thread_id, m.group_id, m.seq, m.parent_id, m.author_id, a.display_name AS author_name,
  m.body, m.body_html, m.mentions, m.edited_at, m.deleted_at, m.created_at`;
export const MESSAGE_JOINS = 'LEFT JOIN users a ON a.id = m.author_id';

export function toMessageDto(row: MessageRow, reactions: ReactionSummaryDto[] = []): MessageDto {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    threadId: row.thread_id,
    groupId: row.group_id,
    seq: Number(row.seq),
    parentId: row.parent_id,
    author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
    body: deleted ? null : row.body,
    bodyHtml: deleted ? '' : row.body_html,
    mentions: deleted ? [] : row.mentions,
    reactions: deleted ? [] : reactions,
    edited: row.edited_at !== null,
    editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
    deleted,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
