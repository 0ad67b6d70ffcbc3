import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItem } from '../../action-items/entities/action-item.entity';
import { User } from '../../users/entities/user.entity';

/** A step of an action item: done milestones count towards its derived progress. */
@Entity('action_item_milestones')
@Index('action_item_milestones_item_idx', ['actionItemId', 'position'])
export class ActionItemMilestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  /** Its order on the item: new milestones go last. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'done_by' })
  doneBy?: User | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
