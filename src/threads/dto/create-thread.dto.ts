import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { THREAD_KINDS, ThreadKind } from '../entities/thread.entity';
import { MESSAGE_MAX } from './create-message.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const PROPOSAL_MAX = 20_000;

export class CreateThreadDto {
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  title: string;

  @IsIn(THREAD_KINDS)
  kind: ThreadKind;

  /** Required for a recommendation: what the group is asked to endorse. */
  @ValidateIf((dto: CreateThreadDto) => dto.kind === 'recommendation' || dto.proposal !== undefined)
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'proposal is required for a recommendation' })
  @MaxLength(PROPOSAL_MAX)
  proposal?: string;

  /** The opening message of the thread. */
  @IsOptional()
  @IsString()
  @MaxLength(MESSAGE_MAX)
  body?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
}
