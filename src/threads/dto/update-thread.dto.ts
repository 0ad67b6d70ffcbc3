import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { GcmObjectives, Trim } from '../../common/dto-decorators';
import { PROPOSAL_MAX } from './create-thread.dto';

export class UpdateThreadDto {
  @IsOptional()
  @Trim()
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
  @Trim()
  @IsString()
  @Length(1, PROPOSAL_MAX)
  proposal?: string;

  @IsOptional()
  @GcmObjectives()
  objectives?: number[];
}

export class MarkThreadReadDto {
  /** Read up to and including this message; up to now when absent. */
  @IsOptional()
  @IsUUID()
  messageId?: string;
}
