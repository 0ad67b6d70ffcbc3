import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { PROPOSAL_MAX } from './create-thread.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateThreadDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 300)
  title?: string;

  /** Facilitators only. */
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;

  /** Discussions only: open or resolved. Recommendations close through their outcome. */
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  /** Recommendations only, while open. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, PROPOSAL_MAX)
  proposal?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(23)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(23, { each: true })
  objectives?: number[];
}

export class MarkThreadReadDto {
  /** Read up to and including this message; up to now when absent. */
  @IsOptional()
  @IsUUID()
  messageId?: string;
}
