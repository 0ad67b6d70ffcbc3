import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notifications')
@Index('notifications_user_idx', ['userId', 'createdAt', 'id'])
// Partial (unread only), created in the migration: TypeORM cannot declare the WHERE clause in sync.
@Index('notifications_unread_idx', { synchronize: false })
// Partial (waiting for a digest), created in the migration.
@Index('notifications_digest_idx', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** What happened: a NotificationType (member.added, message.mentioned, action.assigned…). */
  @Column({ type: 'varchar', length: 48 })
  type: string;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  /** What it is about: the kind and id of the object a client opens. */
  @Column({ name: 'subject_type', type: 'varchar', length: 32, nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  /** The facts the client renders in the reader's language (NotificationData of the type); never prose. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: object;

  /** Whether this notification is emailed: no, now (an email job was queued with it) or in the next digest. */
  @Column({ type: 'varchar', length: 8, default: 'none' })
  email: 'none' | 'now' | 'digest';

  /** When a digest listed it: each unread notification is in one digest at most. */
  @Column({ name: 'digested_at', type: 'timestamptz', nullable: true })
  digestedAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
