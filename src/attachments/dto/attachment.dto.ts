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

/** Feed event `attachment.removed`: which file went, and where it was (null fields: not attached there). */
export class AttachmentRemovedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ enum: ['message', 'proposal', 'action', 'progress'], nullable: true }) place: AttachmentPlace | null;
  @ApiProperty({ format: 'uuid', nullable: true }) messageId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) threadId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) actionItemId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true }) actionItemCommentId: string | null;
}
