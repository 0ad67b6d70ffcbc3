import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { Thread } from './thread.entity';
import { SearchVectorColumn } from '../../database/search-vector-column';

@Entity('messages')
// A thread's messages by seq with the author and deletion time included, so unread counts are index-only scans:
// created in the migration (TypeORM cannot declare INCLUDE columns).
@Index('messages_thread_seq_cover_idx', { synchronize: false })
@Index('messages_group_time_idx', ['groupId', 'createdAt'])
// Full-text search: a GIN index over the stored vector of live messages, created in the migration (TypeORM
// cannot declare a GIN index).
@Index('messages_search_idx', { synchronize: false })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  /**
   * The group change-feed seq of the message's creation: taken under the group's lock, so it orders messages
   * by commit. Pagination keys on it, so a page never skips a message that commits late.
   */
  @Column({ type: 'bigint' })
  seq: string;

  /** Copied from the thread, so access checks and search filter messages without a join. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  /** Replies go one level deep: a reply's parent is always a top-level message. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** Markdown source; empty once deleted. */
  @Column({ type: 'text' })
  body: string;

  /**
   * The body's search vector (Arabic and English stems and the words as written: migration 1764890000000), kept by
   * PostgreSQL on every insert and update, so search never runs to_tsvector per row (10,000 characters of `_a_a_a…`
   * cost seconds each time). Never read or written by the app.
   */
  @SearchVectorColumn(`"body"`)
  searchVector?: string;

  /** Sanitized HTML rendered from the source when it was written. */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  /** Group members mentioned, resolved when the message was written. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions: string[];

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** A tombstone: the row stays so replies keep their place. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: User | null;

  @ManyToOne(() => Message, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Message | null;
}
