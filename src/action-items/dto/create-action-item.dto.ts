import { Transform } from 'class-transformer';
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
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PRIORITIES, Priority, SOURCE_TYPES, SourceType } from '../entities/action-item.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateActionItemDto {
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  title: string;

  @IsOptional()
  @Transform(trim)
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
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
}
