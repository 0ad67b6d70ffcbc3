import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { Thread } from './thread.entity';
import { SearchVectorColumn } from '../../database/search-vector-column';

export const POSITIONS = ['endorse', 'endorse-with-reservations', 'object', 'abstain'] as const;
export type PositionValue = (typeof POSITIONS)[number];

/**
 * A member's position on a recommendation, with the organization they spoke for when they took it: tallies read
 * that, so a later change of affiliation never rewrites what an organization said.
 */
@Entity('positions')
// Full-text search over reasons: a GIN index created in the migration (TypeORM cannot declare a GIN index).
@Index('positions_search_idx', { synchronize: false })
@Check('positions_position_check', `"position" IN ('endorse', 'endorse-with-reservations', 'object', 'abstain')`)
export class Position {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  position: PositionValue;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The reason as a search vector, kept by PostgreSQL; never read or written by the app. */
  @SearchVectorColumn(`coalesce("reason", '')`)
  searchVector?: string;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
