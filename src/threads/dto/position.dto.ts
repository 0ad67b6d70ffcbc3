import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';
import { OUTCOMES, Outcome } from '../entities/thread.entity';
import { POSITIONS, PositionValue } from '../entities/position.entity';

export class SetPositionDto {
  @IsIn(POSITIONS)
  position: PositionValue;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CloseRecommendationDto {
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @Trim()
  @IsString()
  @Length(1, 5000)
  statement: string;

  /** YYYY-MM-DD. */
  @Omittable()
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsDateString({ strict: true })
  reviewDate?: string;
}

export class PositionEntryDto {
  user: { id: string; displayName: string };
  organization: { id: string; name: string } | null;
  position: PositionValue;
  reason: string | null;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class OrganizationTallyDto {
  /** null gathers members without an organization. */
  organization: { id: string; name: string } | null;
  counts: Record<PositionValue, number>;
  /** The organization's position when its members agree, 'divided' when they do not: disagreement is shown. */
  position: PositionValue | 'divided';
}

export class PositionsDto {
  @ApiProperty({ format: 'uuid' })
  threadId: string;
  positions: PositionEntryDto[];
  byOrganization: OrganizationTallyDto[];
  totals: Record<PositionValue, number>;
}
