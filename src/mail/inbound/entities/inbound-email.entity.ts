import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItem } from '../../../action-items/entities/action-item.entity';
import { Thread } from '../../../threads/entities/thread.entity';
import { User } from '../../../users/entities/user.entity';

export type InboundEmailStatus = 'posted' | 'refused';

/**
 * One reply received by email and what became of it: an operator can tell why someone's reply never appeared.
 * The Message-ID is kept only as a hash (it can carry the sender's host name); the text is not kept at all.
 */
@Entity('inbound_emails')
export class InboundEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** SHA-256 of the Message-ID (or of the whole message when it has none), hex. */
  @Column({ name: 'message_id_hash', type: 'char', length: 64 })
  messageIdHash: string;

  /** The user whose reply address it was sent to; null when the key named nobody. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'thread_id', type: 'uuid', nullable: true })
  threadId: string | null;

  /** The action item a reply to its address was for (a progress note); null for a thread's. */
  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: InboundEmailStatus;

  /** Why it was refused (a stable code such as `expired-key`); null when posted. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The message or progress note it became (a replayed delivery names the first one). */
  @Column({ name: 'posted_message_id', type: 'uuid', nullable: true })
  postedMessageId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => Thread, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne(() => ActionItem, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;
}
