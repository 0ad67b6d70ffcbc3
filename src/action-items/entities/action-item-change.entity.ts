import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItem } from './action-item.entity';

/** One changed field of one update: what it was, what it became, who, when. */
@Entity('action_item_changes')
@Index('action_item_changes_item_idx', ['actionItemId', 'id'])
export class ActionItemChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @Column({ type: 'varchar', length: 32 })
  field: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** The API token the change was made with, when it came with one (the actor is then its service account). */
  @Column({ name: 'api_token_id', type: 'uuid', nullable: true })
  apiTokenId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
