import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from './organization.entity';

/**
 * An email domain the workspace admin verified as the organization's (`iom.int`): an account whose address on it is
 * verified speaks for the organization without asking. A domain belongs to one organization at most.
 */
@Entity('organization_domains')
export class OrganizationDomain {
  /** Lower-case, without a leading `@`. */
  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  @Index('organization_domains_organization_idx')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
