import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsUUID, ValidateIf } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

/** Either `ids` (at most 500) or `all: true`. */
export class MarkNotificationsReadDto {
  @ValidateIf((dto: MarkNotificationsReadDto) => dto.all !== true)
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @Omittable()
  @IsBoolean()
  all?: boolean;
}
