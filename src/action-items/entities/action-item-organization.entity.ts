import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { ActionItem } from './action-item.entity';

/** Supporting organizations of an action item. */
@Entity('action_item_organizations')
export class ActionItemOrganization {
  @PrimaryColumn({ name: 'action_item_id', type: 'uuid' })
  actionItemId: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => ActionItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id' })
  actionItem?: ActionItem;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
