import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsUUID, Max, Min } from 'class-validator';
import { Omittable } from '../../common/dto-decorators';

/** A recurring check-in: of one action item, or of every open item an organization leads (exactly one of them). */
export class CreateCheckInDto {
  @Omittable()
  @IsUUID()
  actionItemId?: string;

  /** An organization that leads at least one item in the group. */
  @Omittable()
  @IsUUID()
  organizationId?: string;

  @IsInt()
  @Min(1)
  @Max(365)
  everyDays: number;

  /** The first date it asks (YYYY-MM-DD, UTC); today when left out. */
  @Omittable()
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsDateString({ strict: true })
  firstDate?: string;
}

export class CheckInDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  action: { id: string; title: string } | null;
  organization: { id: string; name: string } | null;
  @ApiProperty({ type: 'integer' }) everyDays: number;
  /** The next date it asks (YYYY-MM-DD). */
  @ApiProperty({ format: 'date' }) nextDate: string;
  createdBy: { id: string; displayName: string } | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A check-in as its queries read it. */
export interface CheckInRecord {
  id: string;
  groupId: string;
  actionItemId: string | null;
  actionTitle: string | null;
  organizationId: string | null;
  organizationName: string | null;
  everyDays: number;
  nextDate: string;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date | string;
}

export function toCheckInDto(row: CheckInRecord): CheckInDto {
  return {
    id: row.id,
    groupId: row.groupId,
    action: row.actionItemId ? { id: row.actionItemId, title: row.actionTitle ?? '' } : null,
    organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
    everyDays: Number(row.everyDays),
    nextDate: row.nextDate,
    createdBy: row.createdById ? { id: row.createdById, displayName: row.createdByName ?? '' } : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
