import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import type { Delivery } from '../notification-kinds';

/**
 * How one reader wants one type of notification: for every group (`groupId` null) or for one group, which wins.
 * No row: the type's default (EMAIL_DEFAULTS).
 */
@Entity('notification_settings')
// Unique on (user, type, group or none): an expression index, created in the migration.
@Index('notification_settings_key', { synchronize: false })
export class NotificationSetting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  /** A NotificationType. */
  @Column({ type: 'varchar', length: 48 })
  type: string;

  @Column({ type: 'varchar', length: 8 })
  delivery: Delivery;
}
