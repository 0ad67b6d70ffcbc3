import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A client-generated id per write, claimed in the write's own transaction. A retry finds the claim
 * and gets the stored acknowledgement instead of a second row.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 64 })
  clientId: string;

  /** What the write answered; a retry answers exactly this. */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
