import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';
import type { AttachmentPlace } from '../../attachments/entities/attachment.entity';

/** What search finds: texts, and attached files by their names ('file'). */
export const SEARCH_KINDS = [
  'message',
  'thread',
  'outcome',
  'position',
  'action-item',
  'action-item-comment',
  'file',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Four-digit years only: ISO 8601 also allows ±YYYYYY, which PostgreSQL's timestamps cannot hold. */
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export class SearchQueryDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  q: string;

  /** Only this group. */
  @Omittable()
  @IsUUID()
  groupId?: string;

  /** Only this kind of text. */
  @Omittable()
  @IsIn(SEARCH_KINDS)
  kind?: SearchKind;

  /** Only what this person wrote. */
  @Omittable()
  @IsUUID()
  authorId?: string;

  /** Written at or after: a date (the start of that day, UTC) or a date and time. */
  @Omittable()
  @IsISO8601({ strict: true })
  @Matches(DATE_OR_TIME)
  from?: string;

  /** Written before the end of this day (UTC), or before this date and time. */
  @Omittable()
  @IsISO8601({ strict: true })
  @Matches(DATE_OR_TIME)
  to?: string;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** A file a search found: its name and where it is attached (to open it there, or ask for its link by its id). */
export class SearchFileDto {
  name: string;
  place: AttachmentPlace;
  /** The message it is attached to (place 'message'). */
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  messageId: string | null;
  /** The progress note it is attached to (place 'progress'). */
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  actionItemCommentId: string | null;
}

export class SearchHitDto {
  kind: SearchKind;
  /**
   * The message, thread, action item, comment or file (the attachment's id); for an outcome or a position, the
   * recommendation's thread.
   */
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  /** The thread it belongs to; null for action items and their comments (and files on them). */
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  threadId: string | null;
  /** The action item, for action items and their comments; null otherwise. */
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  actionItemId: string | null;
  /** The thread's title, or the action item's. */
  title: string;
  /** For kind 'file': the file; null otherwise. */
  file: SearchFileDto | null;
  /** HTML-escaped text with matches wrapped in <mark>; safe to insert. */
  snippetHtml: string;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  authorId: string | null;
  authorName: string | null;
  rank: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
