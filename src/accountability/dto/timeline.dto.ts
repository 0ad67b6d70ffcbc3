import { ApiProperty } from '@nestjs/swagger';
import { NamedRefDto, PersonRefDto } from '../../action-items/dto/action-item.dto';
import type { Outcome } from '../../threads/entities/thread.entity';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline';

export class TimelineActionRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ enum: TIMELINE_KINDS })
  kind: TimelineKind;
  actor: PersonRefDto | null;
  organization: NamedRefDto | null;
  action: TimelineActionRefDto | null;
  /**
   * position {position}; outcome {outcome, reviewDate}; claim {percent, evidenceCount}; claim-verified {percent};
   * claim-returned {percent, reason}; milestone-added and milestone-done {title}; review {reviewThreadId,
   * reviewDate}; the others {}.
   */
  @ApiProperty({ type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

export class TimelineRecommendationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  title: string;
  @ApiProperty({ type: String, nullable: true })
  outcome: Outcome | null;
  @ApiProperty({ format: 'date', type: String, nullable: true })
  reviewDate: string | null;
}

/** A recommendation's chain, from its proposal to its reviews, oldest first. */
export class TimelineDto {
  recommendation: TimelineRecommendationDto;
  entries: TimelineEntryDto[];
}
