import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItem } from '../../action-items/entities/action-item.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';

/**
 * A recurring progress check-in a facilitator scheduled: for one action item, or for every open item a lead
 * organization leads in the group. On each date those responsible are asked, by email and in the app.
 */
@Entity('check_ins')
@Index('check_ins_group_idx', ['groupId'])
@Index('check_ins_next_idx', ['nextDate'])
@Check('check_ins_every_days_check', `"every_days" BETWEEN 1 AND 365`)
@Check('check_ins_subject_check', `("action_item_id" IS NULL) <> ("organization_id" IS NULL)`)
export class CheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId: string | null;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem | null;

  /** The lead organization whose items are asked about. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @Column({ name: 'every_days', type: 'smallint' })
  everyDays: number;

  /** The next date it asks (YYYY-MM-DD, UTC). */
  @Column({ name: 'next_date', type: 'date' })
  nextDate: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
