import { ApiProperty } from '@nestjs/swagger';
import { NamedRefDto } from '../../action-items/dto/action-item.dto';
import type { ActionStatus } from '../../action-items/status-transitions';
import type { Outcome } from '../../threads/entities/thread.entity';
import type { PositionValue } from '../../threads/entities/position.entity';
import type { ContradictionKind } from '../ledger';

export class LedgerRecommendationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  @ApiProperty({ type: String, nullable: true })
  outcome: Outcome | null;
}

export class LedgerActionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  title: string;
  status: ActionStatus;
  @ApiProperty({ format: 'uuid', type: String, nullable: true })
  recommendationId: string | null;
  leadOrganization: NamedRefDto | null;
  /** Percent; null for a cancelled item. */
  @ApiProperty({ type: Number, nullable: true })
  claimed: number | null;
  @ApiProperty({ type: Number, nullable: true })
  verified: number | null;
}

export class LedgerPositionDto {
  @ApiProperty({ format: 'uuid' })
  recommendationId: string;
  position: PositionValue;
  /** Its members took different positions; `position` is the latest. */
  divided: boolean;
}

export class LedgerFiguresDto {
  @ApiProperty({ type: Number, nullable: true })
  claimed: number | null;
  @ApiProperty({ type: Number, nullable: true })
  verified: number | null;
}

export class LedgerContradictionDto {
  kind: ContradictionKind;
  @ApiProperty({ format: 'uuid' })
  recommendationId: string;
  /** The actions it leads on a recommendation it objected to; empty for "endorsed, leads nothing". */
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  actionIds: string[];
}

export class LedgerOrganizationDto {
  organization: NamedRefDto;
  /** Its position on each adopted recommendation it took one on. */
  positions: LedgerPositionDto[];
  /** Ids of the actions it leads. */
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  leads: string[];
  /** Ids of the actions it supports. */
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } })
  supports: string[];
  /** Claimed and verified progress of the actions it leads, weighted. */
  delivered: LedgerFiguresDto;
  contradictions: LedgerContradictionDto[];
}

/** Each organization's commitments in a group: what it said, what it took on, what it delivered. */
export class LedgerDto {
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  @ApiProperty({ format: 'date-time' })
  generatedAt: string;
  /** The group's recommendations (positions name the adopted ones). */
  recommendations: LedgerRecommendationDto[];
  actions: LedgerActionDto[];
  /** By name. */
  organizations: LedgerOrganizationDto[];
}
