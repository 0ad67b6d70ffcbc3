import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { ActionItem } from './action-item.entity';
import { SearchVectorColumn } from '../../database/search-vector-column';

/** A comment, or a progress note from those responsible for the item. */
@Entity('action_item_comments')
// Full-text search: a GIN index over the stored vector, created in the migration (TypeORM cannot declare a GIN index).
@Index('action_item_comments_search_idx', { synchronize: false })
@Index('action_item_comments_item_idx', ['actionItemId', 'createdAt'])
@Index('action_item_comments_kind_time_idx', ['kind', 'createdAt'])
@Check('action_item_comments_kind_check', `"kind" IN ('comment', 'progress')`)
export class ActionItemComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  /** The organization the author spoke for when writing it; a later change of affiliation leaves it as it was. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @Column({ type: 'varchar', length: 16 })
  kind: 'comment' | 'progress';

  @Column({ type: 'text' })
  body: string;

  /** The body as a search vector, kept by PostgreSQL; never read or written by the app. */
  @SearchVectorColumn(`"body"`)
  searchVector?: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
