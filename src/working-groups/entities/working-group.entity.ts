import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';

@Entity('working_groups')
@Check(
  'working_groups_objectives_check',
  `"gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]`,
)
export class WorkingGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  purpose: string;

  /** Global Compact for Migration objectives (1 to 23) the group works on. */
  @Column({ name: 'gcm_objectives', type: 'smallint', array: true, default: () => "'{}'" })
  gcmObjectives: number[];

  /** An organization whose members may verify progress claims in this group, besides its facilitators. */
  @Column({ name: 'verifier_organization_id', type: 'uuid', nullable: true })
  verifierOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'verifier_organization_id' })
  verifierOrganization?: Organization | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  /**
   * The change feed's position: incremented inside each writing transaction, so seqs commit in order
   * with no gaps (a database sequence can commit out of order). It also serializes a group's writes.
   */
  @Column({ name: 'last_seq', type: 'bigint', default: 0 })
  lastSeq: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
