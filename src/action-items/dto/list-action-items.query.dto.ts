import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { ACTION_STATUSES, ActionStatus } from '../status-transitions';

export class ListActionItemsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string;

  @IsOptional()
  @IsUUID()
  focalPersonId?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @IsOptional()
  @IsDateString({ strict: true })
  dueBefore?: string;

  /** The source recommendation (or message). */
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(23)
  objective?: number;

  /** due: soonest first, undated last. created: newest first. */
  @IsOptional()
  @IsIn(['due', 'created'])
  sort?: 'due' | 'created';
}
