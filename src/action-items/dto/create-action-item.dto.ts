import { ApiPropertyOptional } from '@nestjs/swagger';
import { AttachmentIds } from '../../attachments/dto/attachment-ids';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { GcmObjectives, Omittable, Trim } from '../../common/dto-decorators';
import { PRIORITIES, Priority, SOURCE_TYPES, SourceType } from '../entities/action-item.entity';

export class CreateActionItemDto {
  @Trim()
  @IsString()
  @Length(3, 300)
  title: string;

  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  /** The adopted recommendation or the message the item comes from; both or neither. */
  @ValidateIf((dto: CreateActionItemDto) => dto.sourceId !== undefined)
  @IsIn(SOURCE_TYPES)
  sourceType?: SourceType;

  @ValidateIf((dto: CreateActionItemDto) => dto.sourceType !== undefined)
  @IsUUID()
  sourceId?: string;

  /** null or left out: none yet. */
  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string | null;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supportingOrganizationIds?: string[];

  /** Must be a member of the group. */
  @IsOptional()
  @IsUUID()
  focalPersonId?: string | null;

  @IsOptional()
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsDateString({ strict: true })
  dueDate?: string | null;

  @Omittable()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** Defaults to the source recommendation's objectives. */
  @Omittable()
  @GcmObjectives()
  objectives?: number[];

  /** Files on the item itself. */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];
}
