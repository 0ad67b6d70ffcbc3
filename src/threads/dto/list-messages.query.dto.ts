import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

/** At most one of before/after/around; none gives the newest page. */
export class ListMessagesQueryDto {
  /** Messages older than this one. */
  @Omittable()
  @IsUUID()
  before?: string;

  /** Messages newer than this one. */
  @Omittable()
  @IsUUID()
  after?: string;

  /** This message with the ones around it (a link to a message). */
  @Omittable()
  @IsUUID()
  around?: string;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
