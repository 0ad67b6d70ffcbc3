import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: written in the transaction of the change it records; no API edits or deletes it. */
@Entity('audit_log')
@Index('audit_log_group_idx', ['groupId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** The API token the actor (a service account) made the change with, when it came with one. */
  @Column({ name: 'api_token_id', type: 'uuid', nullable: true })
  apiTokenId: string | null;

  /** Dotted, past tense: member.added, member.role-changed, invitation.revoked, group.updated. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** The user the change was about, when there is one. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
