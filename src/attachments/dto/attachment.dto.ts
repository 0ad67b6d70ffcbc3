import { ApiProperty } from '@nestjs/swagger';
import type { AttachmentPlace } from '../entities/attachment.entity';

/** How a file is shown and filtered (the Files view's type filter): decided from its sniffed content type. */
export const FILE_KINDS = [
  'image',
  'pdf',
  'document',
  'spreadsheet',
  'presentation',
  'text',
  'archive',
  'audio',
  'video',
  'other',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export class AttachmentUploaderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

/**
 * A file as every reader sees it, in REST answers and inside feed events (the same object for every member: no
 * per-reader links here; a reader asks for a short-lived signed link with `POST /api/attachments/links`).
 */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty({ enum: FILE_KINDS }) kind: FileKind;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ type: AttachmentUploaderDto, nullable: true }) uploader: AttachmentUploaderDto | null;
  @ApiProperty({
    enum: ['message', 'proposal', 'action', 'progress'],
    nullable: true,
    description: 'null: uploaded, not attached yet',
  })
  place: AttachmentPlace | null;
  @ApiProperty({ format: 'uuid', nullable: true }) messageId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) threadId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) actionItemId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) actionItemCommentId: string | null;
  @ApiProperty({ nullable: true }) width: number | null;
  @ApiProperty({ nullable: true }) height: number | null;
  @ApiProperty({ nullable: true }) pageCount: number | null;
  @ApiProperty() hasThumbnail: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/**
 * The feed event `attachment.removed`: which file left and where it was, so every screen showing it (messages, the
 * proposal, actions, progress notes, the Files view) can drop its card.
 */
export interface AttachmentRemovedDto {
  id: string;
  groupId: string;
  place: AttachmentPlace | null;
  messageId: string | null;
  threadId: string | null;
  actionItemId: string | null;
  actionItemCommentId: string | null;
}
