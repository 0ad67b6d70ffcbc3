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
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import { ActionStatus } from '../status-transitions';
import { SearchVectorColumn } from '../../database/search-vector-column';

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const SOURCE_TYPES = ['recommendation', 'message'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

@Entity('action_items')
// Full-text search: a GIN index over the stored vector, created in the migration (TypeORM cannot declare a GIN index).
@Index('action_items_search_idx', { synchronize: false })
@Index('action_items_group_status_idx', ['groupId', 'status', 'dueDate'])
@Index('action_items_focal_idx', ['focalPersonId'])
@Index('action_items_lead_idx', ['leadOrganizationId'])
@Check('action_items_status_check', `"status" IN ('open', 'in-progress', 'done', 'blocked', 'cancelled')`)
@Check('action_items_progress_check', `"progress" BETWEEN 0 AND 100 AND "verified_progress" BETWEEN 0 AND 100`)
@Check('action_items_weight_check', `"weight" BETWEEN 0 AND 100`)
@Check('action_items_priority_check', `"priority" IN ('low', 'medium', 'high')`)
@Check(
  'action_items_objectives_check',
  `"gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`,
)
export class ActionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Title and description as a search vector, kept by PostgreSQL; never read or written by the app. */
  @SearchVectorColumn(`"title" || ' ' || "description"`)
  searchVector?: string;

  @Column({ name: 'source_type', type: 'varchar', length: 16, nullable: true })
  sourceType: SourceType | null;

  /** The recommendation thread or the message the item came from. */
  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  /** The thread of the source (the recommendation itself, or the message's thread): reports group by it. */
  @Column({ name: 'source_thread_id', type: 'uuid', nullable: true })
  sourceThreadId: string | null;

  @Column({ name: 'lead_organization_id', type: 'uuid', nullable: true })
  leadOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'lead_organization_id' })
  leadOrganization?: Organization | null;

  @Column({ name: 'focal_person_id', type: 'uuid', nullable: true })
  focalPersonId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'focal_person_id' })
  focalPerson?: User | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 8, default: 'medium' })
  priority: Priority;

  @Column({ name: 'gcm_objectives', type: 'smallint', array: true, default: () => "'{}'" })
  gcmObjectives: number[];

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: ActionStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /**
   * Percent complete as those responsible last claimed it (a returned claim falls back to the one before); null
   * while nobody has claimed, when the figure is derived from status and milestones (accountability/progress.ts).
   */
  @Column({ type: 'smallint', nullable: true })
  progress: number | null;

  /** Percent complete as last verified by a facilitator or the verifier organization; null while never verified. */
  @Column({ name: 'verified_progress', type: 'smallint', nullable: true })
  verifiedProgress: number | null;

  /** Its weight in its recommendation's progress: equal (1) unless a facilitator says otherwise; 0 leaves it out. */
  @Column({ type: 'smallint', default: 1 })
  weight: number;

  /** Milestones done and in all, kept with the item so lists and roll-ups derive progress without a join. */
  @Column({ name: 'milestones_done', type: 'smallint', default: 0 })
  milestonesDone: number;

  @Column({ name: 'milestones_total', type: 'smallint', default: 0 })
  milestonesTotal: number;

  /** Optimistic concurrency: every update names the version it read; a stale one gets 409. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
