import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTGOING_EMAIL_STATUSES = ['queued', 'sent', 'written', 'skipped', 'failed'] as const;
/**
 * queued: waiting for its job; sent: the SMTP server accepted it; written: SMTP is not configured, it is a file in
 * DATA_DIR/mail; skipped: no longer wanted when its time came (read, left the group, turned off); failed: refused
 * for good (5xx) or retried until the queue gave up.
 */
export type OutgoingEmailStatus = (typeof OUTGOING_EMAIL_STATUSES)[number];

/** What an email is: a notification's type, or one of the emails that are not notifications. */
export type OutgoingEmailKind = string;

/**
 * The outbox: one row per email, written in the same transaction as what causes it, with its job. The job sends
 * it; the row says what became of it (the admin's view) and makes a retried job send nothing twice.
 */
@Entity('outgoing_emails')
@Index('outgoing_emails_created_idx', ['createdAt'])
export class OutgoingEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** notification type, `invitation`, `digest`, `password-reset` or `email-verification`. */
  @Column({ type: 'varchar', length: 48 })
  kind: OutgoingEmailKind;

  /** The recipient's account; null for an invitation to an address with none. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** The address, when it is not the account's (invitations); else read from the account when sent. */
  @Column({ name: 'to_address', type: 'varchar', length: 254, nullable: true })
  toAddress: string | null;

  @Column({ name: 'notification_id', type: 'uuid', nullable: true, unique: true })
  notificationId: string | null;

  /** What the kind needs besides (an invitation's id and sealed token, a digest's notification ids). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: object;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: OutgoingEmailStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  subject: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255, nullable: true })
  messageId: string | null;

  /** The last error (SMTP reply or reason skipped). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Where the email was written (relative to DATA_DIR/mail) when SMTP is not configured. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  file: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
