import { ApiProperty } from '@nestjs/swagger';
import { PUBLICATION_VISIBILITIES, type PublicationVisibility } from '../entities/publication.entity';
import type { ActionStatus } from '../../action-items/status-transitions';
import type { FiguresDto } from './progress-report.dto';

export class PublicationDto {
  @ApiProperty({ enum: PUBLICATION_VISIBILITIES }) visibility: PublicationVisibility;
  token: string;
  /** The page's path on this server: `/p/<token>`. */
  path: string;
  /** The embeddable widget's path: `/p/<token>/widget` (add `?lang=ar` for Arabic). */
  widgetPath: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  publishedBy: { id: string; displayName: string } | null;
}

/** A group's publication, or null while its progress is not published. */
export class PublicationStateDto {
  @ApiProperty({ type: PublicationDto, nullable: true }) publication: PublicationDto | null;
}

/** Figures only, names of organizations only: nothing a published page shows identifies a person. */
export class PublishedActionDto {
  title: string;
  @ApiProperty({ enum: ['open', 'in-progress', 'done', 'blocked', 'cancelled'] }) status: ActionStatus;
  leadOrganization: string | null;
  @ApiProperty({ type: 'number', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'number', nullable: true }) verified: number | null;
  overdue: boolean;
}

export class PublishedRecommendationDto {
  title: string;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  objectives: number[];
  @ApiProperty({ type: 'number', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'number', nullable: true }) verified: number | null;
  actions: PublishedActionDto[];
}

export class PublishedObjectiveDto {
  @ApiProperty({ type: 'integer' }) objective: number;
  @ApiProperty({ type: 'integer' }) recommendations: number;
  @ApiProperty({ type: 'number', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'number', nullable: true }) verified: number | null;
}

export class PublishedOrganizationDto {
  name: string;
  @ApiProperty({ type: 'integer' }) actions: number;
  @ApiProperty({ type: 'number', nullable: true }) claimed: number | null;
  @ApiProperty({ type: 'number', nullable: true }) verified: number | null;
}

export class PublishedProgressDto {
  group: { name: string };
  @ApiProperty({ enum: PUBLICATION_VISIBILITIES }) visibility: PublicationVisibility;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  overall: FiguresDto;
  recommendations: PublishedRecommendationDto[];
  objectives: PublishedObjectiveDto[];
  organizations: PublishedOrganizationDto[];
}

export class PublishedIndexEntryDto {
  token: string;
  groupName: string;
  overall: FiguresDto;
}
