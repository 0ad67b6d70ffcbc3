import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { Omittable } from '../../common/dto-decorators';

export class ListNotificationsQueryDto extends PageQueryDto {
  /** Only unread notifications. */
  @Omittable()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}
