import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

/**
 * An organization's OpenID Provider: its people sign in there instead of with a password. One per organization, set
 * by the workspace admin.
 */
@Entity('identity_providers')
export class IdentityProvider {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The Issuer Identifier: discovery reads `${issuer}/.well-known/openid-configuration` and must find it there. */
  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255 })
  clientId: string;

  /**
   * AES-GCM sealed with a key derived from JWT_SECRET (mail-tokens' seal, purpose `identity-provider`), never
   * returned by the API. Null: a public client, which PKCE alone protects.
   */
  @Column({ name: 'client_secret_sealed', type: 'text', nullable: true, select: false })
  clientSecretSealed: string | null;

  /** Lower-case domains; a signed-in address must be on one of them exactly. */
  @Column({ name: 'allowed_domains', type: 'varchar', length: 253, array: true })
  allowedDomains: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
