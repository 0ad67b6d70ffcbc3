import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Thread } from '../../../threads/entities/thread.entity';
import { User } from '../../../users/entities/user.entity';

/**
 * The secret in one person's reply address for one thread (reply+<key>@domain). The key itself is never stored: it
 * is derived from the server secret and (user, thread, generation), and only its SHA-256 is kept, to find the row
 * an incoming reply names. Rotating or revoking moves on to the next generation: the old key then matches nothing.
 */
@Entity('mail_reply_keys')
@Index('mail_reply_keys_hash_idx', ['keyHash'], { unique: true })
@Index('mail_reply_keys_thread_idx', ['threadId'])
export class MailReplyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

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

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;
}
