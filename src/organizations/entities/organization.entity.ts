import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_KINDS = [
  'government',
  'ngo',
  'civil-society',
  'un-agency',
  'international-org',
  'academic',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

@Entity('organizations')
// Unique on lower(name), created in the migration: TypeORM cannot declare an expression index.
@Index('organizations_name_lower_key', { synchronize: false })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganizationKind;

  /** ISO 3166-1 alpha-2; null for bodies without one country (UN agencies, networks). */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
