import { AttachmentIds } from '../../attachments/dto/attachment-ids';
import { IsIn, IsString, Length, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { GcmObjectives, Omittable, Trim } from '../../common/dto-decorators';
import { THREAD_KINDS, ThreadKind } from '../entities/thread.entity';
import { MESSAGE_MAX } from './create-message.dto';

export const PROPOSAL_MAX = 20_000;

export class CreateThreadDto {
  @Trim()
  @IsString()
  @Length(3, 300)
  title: string;

  @IsIn(THREAD_KINDS)
  kind: ThreadKind;

  /** Required for a recommendation: what the group is asked to endorse. */
  @ValidateIf((dto: CreateThreadDto) => dto.kind === 'recommendation' || dto.proposal !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(PROPOSAL_MAX)
  proposal?: string;

  /** Files on a recommendation's proposal. */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];

  /** The opening message of the thread. */
  @Omittable()
  @IsString()
  @MaxLength(MESSAGE_MAX)
  body?: string;

  @Omittable()
  @GcmObjectives()
  objectives?: number[];
}
