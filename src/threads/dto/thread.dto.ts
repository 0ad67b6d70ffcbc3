import { ApiProperty } from '@nestjs/swagger';
import type { AttachmentDto } from '../../attachments/dto/attachment.dto';
import { placedAttachments } from '../../attachments/attachment-places';
import type { AttachmentRow } from '../../attachments/attachment-places.repository';
import type { Outcome, Thread, ThreadKind, ThreadStatus } from '../entities/thread.entity';
import { PageOf } from '../../common/openapi/page.dto';

export class PersonDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  displayName: string;
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  kind: ThreadKind;
  title: string;
  author: PersonDto | null;
  pinned: boolean;
  status: ThreadStatus;
  objectives: number[];
  /** For recommendations: the proposal as Markdown source and as sanitized HTML. */
  proposal: string | null;
  proposalHtml: string | null;
  /** A recommendation's files on its proposal, in the order they were uploaded. */
  attachments: AttachmentDto[];
  outcome: Outcome | null;
  outcomeStatement: string | null;
  /** ISO date (YYYY-MM-DD) when the outcome is to be reviewed. */
  @ApiProperty({ format: 'date', type: String, nullable: true })
  reviewDate: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  closedAt: string | null;
  messageCount: number;
  @ApiProperty({ format: 'date-time' })
  lastActivityAt: string;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** A thread in the caller's list: with how many messages they have not read. */
export class MyThreadDto extends ThreadDto {
  unreadCount: number;
}

export class ThreadPageDto extends PageOf(MyThreadDto) {}

/** What marking a thread read answers: the reader's unread messages left in it. */
export class ThreadReadDto {
  unreadCount: number;
}

/** A thread as its queries read it: the entity's columns (the review date as YYYY-MM-DD) with its author's name. */
export type ThreadRecord = Omit<Thread, 'searchVector' | 'closedById' | 'group' | 'author'> & {
  authorName: string | null;
  attachments: AttachmentRow[] | null;
};

/** With the caller's unread count (a bigint count, so a string). */
export type MyThreadRecord = ThreadRecord & { unreadCount: string };

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toThreadDto(row: ThreadRecord): ThreadDto {
  return {
    id: row.id,
    groupId: row.groupId,
    kind: row.kind,
    title: row.title,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? '' } : null,
    pinned: row.pinned,
    status: row.status,
    objectives: [...row.gcmObjectives].map(Number).sort((a, b) => a - b),
    proposal: row.proposal,
    proposalHtml: row.proposalHtml,
    attachments: placedAttachments(row.attachments),
    outcome: row.outcome,
    outcomeStatement: row.outcomeStatement,
    reviewDate: row.reviewDate ? String(row.reviewDate) : null,
    closedAt: iso(row.closedAt),
    messageCount: Number(row.messageCount),
    lastActivityAt: iso(row.lastActivityAt)!,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

export function toMyThreadDto(row: MyThreadRecord): MyThreadDto {
  return { ...toThreadDto(row), unreadCount: Number(row.unreadCount ?? 0) };
}
