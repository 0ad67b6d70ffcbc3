import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Summary } from '../report-summary';
import { ACTION_STATUSES, type ActionStatus } from '../status-transitions';

/** A Summary as OpenAPI documents it. */
export class SummaryDto implements Summary {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(ACTION_STATUSES.map((status) => [status, { type: 'integer' }])),
    required: [...ACTION_STATUSES],
  })
  byStatus: Record<ActionStatus, number>;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ description: 'done ÷ (total − cancelled), to three decimals' }) shareDone: number;
  @ApiProperty({ type: 'integer', description: 'Files that evidence the items' }) evidenceFiles: number;
}

export class ReportRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReportRecommendationRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class RecommendationProgressDto extends SummaryDto {
  @ApiProperty({ type: ReportRecommendationRefDto, nullable: true })
  recommendation: ReportRecommendationRefDto | null;
}

export class ObjectiveProgressDto extends SummaryDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 23 }) objective: number;
}

export class OrganizationProgressDto extends SummaryDto {
  @ApiProperty({ type: ReportRefDto, nullable: true }) organization: ReportRefDto | null;
}

export class GroupProgressDto extends SummaryDto {
  @ApiProperty({ type: ReportRefDto }) group: ReportRefDto;
}

export class ReportPeriodDto {
  @ApiProperty({ type: String, format: 'date', nullable: true }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to: string | null;
}

export class NarrativeActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
}

export class NarrativeNoteDto {
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name; null when the account is gone' })
  author: string | null;
}

/** An action item's latest progress note, for the report's narrative. */
export class NarrativeEntryDto {
  @ApiProperty({ type: NarrativeActionDto }) action: NarrativeActionDto;
  @ApiProperty({ type: ReportRefDto }) group: ReportRefDto;
  @ApiProperty({ type: NarrativeNoteDto }) note: NarrativeNoteDto;
}

/** Progress of a group's action items (or the whole workspace's): the web client imports this type. */
export class ProgressReport {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) groupId: string | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: SummaryDto }) totals: Summary;
  @ApiProperty({ type: [RecommendationProgressDto] }) byRecommendation: RecommendationProgressDto[];
  @ApiProperty({ type: [ObjectiveProgressDto] }) byObjective: ObjectiveProgressDto[];
  @ApiProperty({ type: [OrganizationProgressDto] }) byOrganization: OrganizationProgressDto[];
  @ApiProperty({
    type: () => ReportPeriodDto,
    description: 'The period asked for (days, inclusive): only action items created in it are counted.',
  })
  period?: ReportPeriodDto;
  @ApiProperty({
    type: () => [NarrativeEntryDto],
    description: 'The latest progress note of each item that has one, newest first.',
  })
  narrative?: NarrativeEntryDto[];
  /** The whole-workspace report only. */
  @ApiPropertyOptional({ type: [GroupProgressDto] }) byGroup?: GroupProgressDto[];
}
