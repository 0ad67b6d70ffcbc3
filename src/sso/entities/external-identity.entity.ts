import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * An account's identity at an OpenID Provider: the issuer and its subject (`sub`), which the provider never reuses
 * for someone else, unlike an email address. A later sign-in finds the account by it, whatever the email says then.
 */
@Entity('external_identities')
export class ExternalIdentity {
  @PrimaryColumn({ type: 'varchar', length: 500 })
  issuer: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject: string;

  @Index('external_identities_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', default: () => 'now()' })
  lastSignInAt: Date;
}
