import { ApiProperty } from '@nestjs/swagger';
import type { ActionStatus } from '../../action-items/status-transitions';
import type { Outcome } from '../../threads/entities/thread.entity';

/** Claimed and verified percent complete (one decimal); null where there is nothing to count. */
export class FiguresDto {
  @ApiProperty({ type: 'number', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'number', nullable: true }) verified: number | null;
}

export class RollUpActionDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  title: string;
  status: ActionStatus;
  @ApiProperty({ type: 'integer' }) weight: number;
  leadOrganization: { id: string; name: string } | null;
  claimPending: boolean;
  /** Files that evidence it (its own and its progress notes'). */
  @ApiProperty({ type: 'integer' }) evidenceCount: number;
  overdue: boolean;
}

export class RollUpRecommendationDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  title: string;
  outcome: Outcome | null;
  objectives: number[];
  actions: RollUpActionDto[];
}

export class RollUpObjectiveDto extends FiguresDto {
  @ApiProperty({ type: 'integer' }) objective: number;
  @ApiProperty({ type: 'integer' }) recommendations: number;
}

export class RollUpOrganizationDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
  @ApiProperty({ type: 'integer' }) actions: number;
}

export class RollUpGroupDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  name: string;
}

/** The roll-up of one group (groupId set) or the workspace (groupId null; `groups` filled). */
export class ProgressRollUpDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) groupId: string | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  overall: FiguresDto;
  recommendations: RollUpRecommendationDto[];
  objectives: RollUpObjectiveDto[];
  organizations: RollUpOrganizationDto[];
  groups: RollUpGroupDto[];
}
