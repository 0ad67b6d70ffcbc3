import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActionItemComment } from '../../action-items/entities/action-item-comment.entity';
import { ActionItem } from '../../action-items/entities/action-item.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';

export const CLAIM_STATES = ['pending', 'verified', 'returned'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/**
 * Progress claimed by those responsible for an item, with the progress note that carries its evidence, and the
 * decision on it: verified by a facilitator or the group's verifier organization, or returned with a reason. Rows
 * are never deleted: the claims of an item are its history of claims and decisions.
 */
@Entity('progress_claims')
@Index('progress_claims_item_idx', ['actionItemId', 'claimedAt'])
@Check('progress_claims_percent_check', `"percent" BETWEEN 0 AND 100`)
@Check('progress_claims_state_check', `"state" IN ('pending', 'verified', 'returned')`)
export class ProgressClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @Column({ type: 'smallint' })
  percent: number;

  /** The progress note the claim was made with: its body and files are the evidence. */
  @Column({ name: 'note_id', type: 'uuid', nullable: true })
  noteId: string | null;

  @ManyToOne(() => ActionItemComment, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'note_id' })
  note?: ActionItemComment | null;

  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'claimed_by' })
  claimedBy?: User | null;

  /** The organization the claimant spoke for when claiming. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state: ClaimState;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by' })
  decidedBy?: User | null;

  /** The organization the decider spoke for (the verifier organization, when it was one of its members). */
  @Column({ name: 'decider_organization_id', type: 'uuid', nullable: true })
  deciderOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decider_organization_id' })
  deciderOrganization?: Organization | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was returned. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
