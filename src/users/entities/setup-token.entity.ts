import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The one-time secret of the setup link that creates the first workspace admin. Only its SHA-256 is kept; a start
 * of the server while there is no admin replaces it.
 */
@Entity('setup_tokens')
export class SetupToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('setup_tokens_hash_idx', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
