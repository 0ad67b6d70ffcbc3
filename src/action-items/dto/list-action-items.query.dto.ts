import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { ACTION_STATUSES, ActionStatus } from '../status-transitions';
import { Omittable } from '../../common/dto-decorators';

export class ListActionItemsQueryDto extends PageQueryDto {
  @Omittable()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @Omittable()
  @IsUUID()
  leadOrganizationId?: string;

  @Omittable()
  @IsUUID()
  focalPersonId?: string;

  @Omittable()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @Omittable()
  @IsDateString({ strict: true })
  dueBefore?: string;

  /** The source recommendation (or message). */
  @Omittable()
  @IsUUID()
  sourceId?: string;

  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(23)
  objective?: number;

  /** due: soonest first, undated last. created: newest first. */
  @Omittable()
  @IsIn(['due', 'created'])
  sort?: 'due' | 'created';
}
