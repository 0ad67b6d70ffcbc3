import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiTokenAccess } from '../../auth/api-token-secret';
import { Session } from '../../auth/entities/session.entity';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';

/**
 * The credential of one service account. Only the secret's SHA-256 is kept. It owns a session row, so revoking it
 * reuses the path that ends a session: the next request is refused and its sockets are disconnected on every node.
 */
@Entity('api_tokens')
@Index('api_tokens_hash_idx', ['tokenHash'], { unique: true })
@Index('api_tokens_user_idx', ['userId'])
@Index('api_tokens_group_idx', ['groupId'])
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service account the token acts as. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  /** The group it was created from. */
  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  access: ApiTokenAccess;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  creator?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Written at most once a minute per token, so a busy integration is not a write per request. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
