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
import { GcmObjectives, Trim } from '../../common/dto-decorators';
import { PRIORITIES, Priority, SOURCE_TYPES, SourceType } from '../entities/action-item.entity';

export class CreateActionItemDto {
  @Trim()
  @IsString()
  @Length(3, 300)
  title: string;

  @IsOptional()
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

  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supportingOrganizationIds?: string[];

  /** Must be a member of the group. */
  @IsOptional()
  @IsUUID()
  focalPersonId?: string;

  @IsOptional()
  @IsDateString({ strict: true }, { message: 'dueDate must be a date like 2027-03-31' })
  dueDate?: string;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** Defaults to the source recommendation's objectives. */
  @IsOptional()
  @GcmObjectives()
  objectives?: number[];
}
