import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity';
import { ActionItem } from './action-item.entity';

/** Supporting organizations of an action item. */
@Entity('action_item_organizations')
// The items an organization supports ("my actions"); the primary key serves an item's organizations.
@Index('action_item_organizations_organization_idx', ['organizationId', 'actionItemId'])
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
