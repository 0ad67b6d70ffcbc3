import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { Omittable, Trim } from '../../common/dto-decorators';
import { PersonRefDto } from '../../action-items/dto/action-item.dto';

const notNull = (_: unknown, value: unknown) => value !== null;

export class CreateMilestoneDto {
  @Trim()
  @IsString()
  @Length(1, 300)
  title: string;

  /** YYYY-MM-DD, or null for none. */
  @IsOptional()
  @ValidateIf(notNull)
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsDateString({ strict: true })
  dueDate?: string | null;
}

/** Every field optional; `done` marks it done (by the caller, now) or not done again. */
export class UpdateMilestoneDto {
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @ValidateIf(notNull)
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsDateString({ strict: true })
  dueDate?: string | null;

  @Omittable()
  @IsBoolean()
  done?: boolean;
}

export class MilestoneDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  actionItemId: string;
  title: string;
  /** YYYY-MM-DD. */
  @ApiProperty({ format: 'date', type: String, nullable: true })
  dueDate: string | null;
  /** Its order on the item, from 0. */
  @ApiProperty({ type: 'integer' })
  position: number;
  done: boolean;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  doneAt: string | null;
  doneBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** A read of action_item_milestones as MilestoneRepository selects it. */
export interface MilestoneView {
  id: string;
  actionItemId: string;
  title: string;
  dueDate: string | null;
  position: number;
  doneAt: Date | string | null;
  doneById: string | null;
  doneByName: string | null;
  createdAt: Date | string;
}

export function toMilestoneDto(row: MilestoneView): MilestoneDto {
  return {
    id: row.id,
    actionItemId: row.actionItemId,
    title: row.title,
    dueDate: row.dueDate,
    position: Number(row.position),
    done: row.doneAt !== null,
    doneAt: row.doneAt === null ? null : new Date(row.doneAt).toISOString(),
    doneBy: row.doneById ? { id: row.doneById, displayName: row.doneByName ?? '' } : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
