import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The change feed: every change to a group's content, numbered per group without gaps. */
@Entity('group_events')
@Index('group_events_created_idx', ['createdAt'])
export class GroupEvent {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The same DTO the REST API returns for the changed object. */
  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
