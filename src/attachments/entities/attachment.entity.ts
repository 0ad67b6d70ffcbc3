import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { Message } from '../../threads/entities/message.entity';
import { Thread } from '../../threads/entities/thread.entity';
import { ActionItem } from '../../action-items/entities/action-item.entity';
import { ActionItemComment } from '../../action-items/entities/action-item-comment.entity';
import { SearchVectorColumn } from '../../database/search-vector-column';

/**
 * One file in a group. Its bytes live in the file store (PostgreSQL or S3) under `attachments/<id>` (and the
 * thumbnail under `attachments/<id>.thumb`); this row says what they are and where they are attached.
 *
 * Life: `uploading` while the bytes stream in, `pending` once stored and checked (the uploader may attach it),
 * `attached` when claimed in the same transaction as the message, proposal, action or progress note it belongs to.
 * A row left `uploading` or `pending` is an abandoned upload: the cleanup job removes it and its bytes.
 */
export type AttachmentStatus = 'uploading' | 'pending' | 'attached';
/** Where an attached file sits: on a message, a recommendation's proposal, an action item, or its progress note. */
export type AttachmentPlace = 'message' | 'proposal' | 'action' | 'progress';

@Entity('attachments')
@Index('attachments_group_time_idx', ['groupId', 'createdAt'])
@Index('attachments_message_idx', ['messageId'])
@Index('attachments_thread_idx', ['threadId'])
@Index('attachments_action_item_idx', ['actionItemId'])
@Index('attachments_comment_idx', ['actionItemCommentId'])
@Index('attachments_status_time_idx', ['status', 'createdAt'])
// File-name search: a GIN index over the stored vector, created in the migration (TypeORM cannot declare one).
@Index('attachments_search_idx', { synchronize: false })
@Check('attachments_status_check', `"status" IN ('uploading', 'pending', 'attached')`)
@Check('attachments_place_check', `"place" IS NULL OR "place" IN ('message', 'proposal', 'action', 'progress')`)
@Check('attachments_storage_check', `"storage" IN ('postgres', 's3')`)
export class Attachment {
  /** Chosen by the server before the first byte is stored: the file store's key is made from it. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ name: 'uploader_id', type: 'uuid', nullable: true })
  uploaderId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploader_id' })
  uploader?: User | null;

  /** The name as the uploader's file had it (NFC, path and control characters removed), Arabic kept as is. */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** The type sniffed from the bytes when they say; otherwise the one the name implies; never the browser's word. */
  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType: string;

  @Column({ type: 'bigint', default: 0 })
  size: string;

  /** Hex SHA-256 of the bytes, known once stored. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** The store that holds the bytes: a file keeps the store it was written to when the setting changes. */
  @Column({ type: 'varchar', length: 8 })
  storage: 'postgres' | 's3';

  @Column({ type: 'varchar', length: 10, default: 'uploading' })
  status: AttachmentStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  place: AttachmentPlace | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => Message, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message | null;

  /** The message's thread, or the recommendation whose proposal it is attached to. */
  @Column({ name: 'thread_id', type: 'uuid', nullable: true })
  threadId: string | null;

  @ManyToOne(() => Thread, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread | null;

  /** The action item, for a file on the item itself or on one of its progress notes. */
  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId: string | null;

  @ManyToOne(() => ActionItem, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem | null;

  @Column({ name: 'action_item_comment_id', type: 'uuid', nullable: true })
  actionItemCommentId: string | null;

  @ManyToOne(() => ActionItemComment, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_comment_id' })
  actionItemComment?: ActionItemComment | null;

  @Column({ type: 'integer', nullable: true })
  width: number | null;

  @Column({ type: 'integer', nullable: true })
  height: number | null;

  /** A PDF's number of pages, when it could be read. */
  @Column({ name: 'page_count', type: 'integer', nullable: true })
  pageCount: number | null;

  /** A thumbnail was made once, at upload, and is stored under `attachments/<id>.thumb`. */
  @Column({ name: 'has_thumbnail', type: 'boolean', default: false })
  hasThumbnail: boolean;

  /** The file name as a search vector, kept by PostgreSQL; never read or written by the app. */
  @SearchVectorColumn(`"name"`)
  searchVector?: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'attached_at', type: 'timestamptz', nullable: true })
  attachedAt: Date | null;
}
