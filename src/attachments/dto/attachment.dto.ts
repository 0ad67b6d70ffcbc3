import { ApiProperty } from '@nestjs/swagger';
import type { Attachment, AttachmentPlace } from '../entities/attachment.entity';
import { FILE_KINDS, type FileKind } from '../file-kind-names';
import { fileKind } from '../file-kinds';

export { FILE_KINDS, type FileKind };

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

/** A signed download link (POST /api/attachments/links). */
export class AttachmentLinkDto {
  @ApiProperty({ description: '/api/files/<token>/<name>: works without a bearer token, until expiresAt' })
  url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AttachmentLinksDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { url: { type: 'string' }, expiresAt: { type: 'string' } } },
    description: 'By attachment id',
  })
  links: Record<string, AttachmentLinkDto>;
}

/** One page of a group's files, newest first: pass `nextBefore` as `before` for the next (null on the last page). */
export class AttachmentPageDto {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
  @ApiProperty({ nullable: true }) nextBefore: string | null;
}

/** A row as the repository reads it: the stored columns and the uploader's name. */
export type AttachmentRow = Pick<
  Attachment,
  | 'id'
  | 'groupId'
  | 'uploaderId'
  | 'name'
  | 'contentType'
  | 'size'
  | 'sha256'
  | 'storage'
  | 'status'
  | 'place'
  | 'messageId'
  | 'threadId'
  | 'actionItemId'
  | 'actionItemCommentId'
  | 'width'
  | 'height'
  | 'pageCount'
  | 'hasThumbnail'
  | 'createdAt'
> & { uploaderName: string | null };

/** What a reader's DTO is made from: a row without the storage bookkeeping. */
export type AttachmentDtoSource = Omit<AttachmentRow, 'sha256' | 'storage' | 'status'>;

export function toAttachmentDto(row: AttachmentDtoSource): AttachmentDto {
  return {
    id: row.id,
    groupId: row.groupId,
    name: row.name,
    contentType: row.contentType,
    kind: fileKind(row.contentType),
    size: Number(row.size),
    uploader: row.uploaderId ? { id: row.uploaderId, displayName: row.uploaderName ?? '' } : null,
    place: row.place,
    messageId: row.messageId,
    threadId: row.threadId,
    actionItemId: row.actionItemId,
    actionItemCommentId: row.actionItemCommentId,
    width: row.width,
    height: row.height,
    pageCount: row.pageCount,
    hasThumbnail: row.hasThumbnail,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function toAttachmentRemovedDto(row: AttachmentRow): AttachmentRemovedDto {
  return {
    id: row.id,
    groupId: row.groupId,
    place: row.place,
    messageId: row.messageId,
    threadId: row.threadId,
    actionItemId: row.actionItemId,
    actionItemCommentId: row.actionItemCommentId,
  };
}
