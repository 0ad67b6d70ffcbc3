import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CONFIGURABLE_TYPES, DELIVERIES, Delivery, NOTIFICATION_TYPES, NotificationType } from '../notification-kinds';

/** A reader's notification settings: each type's delivery for every group, and their choices for single groups. */
export class NotificationSettingsDto {
  types: TypeDeliveryDto[];
  groups: GroupDeliveryDto[];
}

export class TypeDeliveryDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({ enum: DELIVERIES }) delivery: Delivery;
  @ApiProperty({ enum: DELIVERIES }) default: Delivery;
}

export class GroupDeliveryDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ enum: DELIVERIES }) delivery: Delivery;
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
