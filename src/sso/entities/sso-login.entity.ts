import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/**
 * A sign-in under way at an identity provider, between the redirect there and the callback: what the callback must
 * check (state, nonce, PKCE verifier) stays on the server, and is spent by the first callback that names it.
 */
@Entity('sso_logins')
export class SsoLogin {
  /** SHA-256 of the `state` sent to the provider, hex. */
  @PrimaryColumn({ name: 'state_hash', type: 'char', length: 64 })
  stateHash: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** SHA-256 of the HttpOnly cookie the browser that started the sign-in holds: the callback must come from it. */
  @Column({ name: 'browser_hash', type: 'char', length: 64 })
  browserHash: string;

  @Column({ type: 'varchar', length: 128 })
  nonce: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier: string;

  /** Old rows are deleted by the next sign-in that starts. */
  @Index('sso_logins_created_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
