import { IsIn } from 'class-validator';
import { NOTIFICATION_LEVELS, NotificationLevel } from '../entities/notification-preference.entity';

export class NotificationPreferenceDto {
  /** all: everything; mentions-and-assignments: only what is about you; none: nothing from this group. */
  @IsIn(NOTIFICATION_LEVELS)
  level: NotificationLevel;
}
