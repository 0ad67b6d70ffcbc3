import { ApiPropertyOptional } from '@nestjs/swagger';
import { AttachmentIds } from '../../attachments/dto/attachment-ids';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { GcmObjectives, Omittable, Trim } from '../../common/dto-decorators';
import { PRIORITIES, Priority } from '../entities/action-item.entity';
import { ACTION_STATUSES, ActionStatus } from '../status-transitions';

const notNull = (_: unknown, value: unknown) => value !== null;

/** Every field optional; `null` clears the lead organization, focal person or due date. */
export class UpdateActionItemDto {
  /** The version read; may come in an If-Match header instead. */
  @Omittable()
  @IsInt()
  @Min(1)
  version?: number;

  @Omittable()
  @Trim()
  @IsString()
  @Length(3, 300)
  title?: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID()
  leadOrganizationId?: string | null;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supportingOrganizationIds?: string[];

  @IsOptional()
  @ValidateIf(notNull)
  @IsUUID()
  focalPersonId?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsDateString({ strict: true })
  dueDate?: string | null;

  @Omittable()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @Omittable()
  @GcmObjectives()
  objectives?: number[];

  @Omittable()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  /** Required when blocking or cancelling. */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 2000)
  statusReason?: string;

  /** More files on the item itself (whoever may update it). */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];
}

export class CreateActionCommentDto {
  @IsString()
  @Length(1, 10_000)
  body: string;

  /** A progress note is for those responsible for the item; anyone who may write in the group comments. */
  @Omittable()
  @IsIn(['comment', 'progress'])
  kind?: 'comment' | 'progress';

  /** Evidence: files on a progress note (a comment of kind 'progress' only). */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];
}
