import { AttachmentIds } from '../../attachments/dto/attachment-ids';
import { IsBoolean, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { GcmObjectives, Omittable, Trim } from '../../common/dto-decorators';
import { PROPOSAL_MAX } from './create-thread.dto';

export class UpdateThreadDto {
  @Omittable()
  @Trim()
  @IsString()
  @Length(3, 300)
  title?: string;

  /** Facilitators only. */
  @Omittable()
  @IsBoolean()
  pinned?: boolean;

  /** Discussions only: open or resolved. Recommendations close through their outcome. */
  @Omittable()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  /** Recommendations only, while open. */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, PROPOSAL_MAX)
  proposal?: string;

  /** More files on an open recommendation's proposal (its author or a facilitator). */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];

  @Omittable()
  @GcmObjectives()
  objectives?: number[];
}

export class MarkThreadReadDto {
  /** Read up to and including this message; up to now when absent. */
  @Omittable()
  @IsUUID()
  messageId?: string;
}
