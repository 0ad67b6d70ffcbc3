import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { SearchVectorColumn } from '../../database/search-vector-column';

export const THREAD_KINDS = ['discussion', 'recommendation'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
/** Discussions are open or resolved; recommendations are open until a facilitator closes them with an outcome. */
export const THREAD_STATUSES = ['open', 'resolved', 'closed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];
export const OUTCOMES = ['adopted', 'adopted-with-changes', 'not-adopted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

@Entity('threads')
// Not on last_activity_at: every message updates it, and an indexed column would make that update rewrite every
// index of threads (migration 1764216000000).
@Index('threads_group_idx', ['groupId'])
// The reviews job's question every five minutes: closed recommendations by review date (a few rows of many).
@Index('threads_review_due_idx', ['reviewDate'], {
  where: `"kind" = 'recommendation' AND "status" = 'closed' AND "review_date" IS NOT NULL`,
})
@Check('threads_kind_check', `"kind" IN ('discussion', 'recommendation')`)
@Check('threads_status_check', `"status" IN ('open', 'resolved', 'closed')`)
@Check(
  'threads_objectives_check',
  `"gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`,
)
// Full-text search: a GIN index over the stored vector, created in the migration (TypeORM cannot declare a GIN index).
@Index('threads_search_idx', { synchronize: false })
@Index('threads_outcome_search_idx', { synchronize: false })
export class Thread {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ThreadKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: ThreadStatus;

  @Column({ name: 'gcm_objectives', type: 'smallint', array: true, default: () => "'{}'" })
  gcmObjectives: number[];

  /** The recommendation's text (Markdown source), for kind = recommendation. */
  @Column({ type: 'text', nullable: true })
  proposal: string | null;

  @Column({ name: 'proposal_html', type: 'text', nullable: true })
  proposalHtml: string | null;

  /** Title and proposal as a search vector, kept by PostgreSQL on every write; never read or written by the app. */
  @SearchVectorColumn(`"title" || ' ' || coalesce("proposal", '')`)
  searchVector?: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: Outcome | null;

  @Column({ name: 'outcome_statement', type: 'text', nullable: true })
  outcomeStatement: string | null;

  /** The outcome statement as a search vector, kept by PostgreSQL; never read or written by the app. */
  @SearchVectorColumn(`coalesce("outcome_statement", '')`, 'outcome_search_vector')
  outcomeSearchVector?: string;

  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedById: string | null;

  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'author_id' })
  author?: User | null;
}
