import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** At most one of before/after/around; none gives the newest page. */
export class ListMessagesQueryDto {
  /** Messages older than this one. */
  @IsOptional()
  @IsUUID()
  before?: string;

  /** Messages newer than this one. */
  @IsOptional()
  @IsUUID()
  after?: string;

  /** This message with the ones around it (a link to a message). */
  @IsOptional()
  @IsUUID()
  around?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
