import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ActionItem } from './action-item.entity';

/**
 * A reminder that was sent. Its key is the claim: whichever node inserts it first sends it, exactly once per item,
 * threshold and due date; a new due date is a new key, so the reminder comes again.
 */
@Entity('action_item_reminders')
export class ActionItemReminder {
  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  /** due-soon (within 48 hours) or overdue. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  threshold: 'due-soon' | 'overdue';

  @PrimaryColumn({ name: 'due_date', type: 'date' })
  dueDate: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
