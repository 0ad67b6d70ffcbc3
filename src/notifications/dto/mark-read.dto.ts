import { ArrayMaxSize, ArrayNotEmpty, IsBoolean, IsOptional, IsUUID, ValidateIf } from 'class-validator';

/** Either `ids` (at most 500) or `all: true`. */
export class MarkNotificationsReadDto {
  @ValidateIf((dto: MarkNotificationsReadDto) => dto.all !== true)
  @ArrayNotEmpty({ message: 'ids must list notifications, or set all to true' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional()
  @IsBoolean()
  all?: boolean;
}
