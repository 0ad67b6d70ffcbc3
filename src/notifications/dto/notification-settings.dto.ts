import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CONFIGURABLE_TYPES, DELIVERIES, Delivery, NotificationType } from '../notification-kinds';

/** A reader's notification settings: each type's delivery for every group, and their choices for single groups. */
export interface NotificationSettingsDto {
  types: { type: NotificationType; delivery: Delivery; default: Delivery }[];
  groups: { type: NotificationType; groupId: string; delivery: Delivery }[];
}

export class UpdateNotificationSettingDto {
  @IsIn(CONFIGURABLE_TYPES)
  type: NotificationType;

  /** off, in-app, email (at once, or at the next working hour), digest; `default` forgets the choice. */
  @IsIn([...DELIVERIES, 'default'])
  delivery: Delivery | 'default';

  /** For this group only; absent: for every group. */
  @IsOptional()
  @IsUUID()
  groupId?: string;
}
