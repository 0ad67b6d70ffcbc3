import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ActionItem } from '../../../action-items/entities/action-item.entity';
import { User } from '../../../users/entities/user.entity';

/**
 * The secret in one person's reply address for one action item: what MailReplyKey is for a thread. A reply to it
 * becomes a progress note on the item (a check-in answered by email). Derived and stored as a hash the same way,
 * with a label of its own, so a thread's key and an item's key are never the same.
 */
@Entity('mail_action_reply_keys')
@Index('mail_action_reply_keys_hash_idx', ['keyHash'], { unique: true })
@Index('mail_action_reply_keys_item_idx', ['actionItemId'])
export class MailActionReplyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @Column({ type: 'integer' })
  generation: number;

  /** SHA-256 of the key, hex. */
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;
}
