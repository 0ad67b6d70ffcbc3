import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AttachmentIds } from '../../attachments/dto/attachment-ids';
import type { AttachmentDto } from '../../attachments/dto/attachment.dto';
import { placedAttachments } from '../../attachments/attachment-places';
import type { AttachmentRow } from '../../attachments/attachment-places.repository';
import { NamedRefDto, PersonRefDto } from '../../action-items/dto/action-item.dto';
import { Omittable, Trim } from '../../common/dto-decorators';
import type { ClaimState } from '../entities/progress-claim.entity';

export class CreateClaimDto {
  /** Percent complete claimed. */
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;

  /** The progress note that goes with it (as for POST /actions/:id/comments, kind 'progress'). */
  @IsString()
  @Length(1, 10_000)
  body: string;

  /** Evidence: the caller's pending uploads in the group, attached to the progress note. */
  @Omittable()
  @AttachmentIds()
  attachmentIds?: string[];
}

export class ReturnClaimDto {
  /** Why it goes back to those responsible. */
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class ClaimNoteDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  body: string;
  bodyHtml: string;
  attachments: AttachmentDto[];
}

export class ClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  actionItemId: string;
  @ApiProperty({ type: 'integer' })
  percent: number;
  state: ClaimState;
  /** The progress note it was made with: its files are the evidence. Null if the note is gone. */
  note: ClaimNoteDto | null;
  claimedBy: PersonRefDto | null;
  /** The organization the claimant spoke for. */
  organization: NamedRefDto | null;
  @ApiProperty({ format: 'date-time' })
  claimedAt: string;
  decidedBy: PersonRefDto | null;
  deciderOrganization: NamedRefDto | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  decidedAt: string | null;
  /** Why it was returned. */
  reason: string | null;
}

/** A read of progress_claims as ClaimRepository selects it. */
export interface ClaimView {
  id: string;
  actionItemId: string;
  percent: number;
  state: ClaimState;
  noteId: string | null;
  noteBody: string | null;
  noteBodyHtml: string | null;
  attachments: AttachmentRow[] | null;
  claimedById: string | null;
  claimedByName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  claimedAt: Date | string;
  decidedById: string | null;
  decidedByName: string | null;
  deciderOrganizationId: string | null;
  deciderOrganizationName: string | null;
  decidedAt: Date | string | null;
  reason: string | null;
}

export function toClaimDto(row: ClaimView): ClaimDto {
  return {
    id: row.id,
    actionItemId: row.actionItemId,
    percent: Number(row.percent),
    state: row.state,
    note: row.noteId
      ? {
          id: row.noteId,
          body: row.noteBody ?? '',
          bodyHtml: row.noteBodyHtml ?? '',
          attachments: placedAttachments(row.attachments),
        }
      : null,
    claimedBy: row.claimedById ? { id: row.claimedById, displayName: row.claimedByName ?? '' } : null,
    organization: row.organizationId ? { id: row.organizationId, name: row.organizationName ?? '' } : null,
    claimedAt: new Date(row.claimedAt).toISOString(),
    decidedBy: row.decidedById ? { id: row.decidedById, displayName: row.decidedByName ?? '' } : null,
    deciderOrganization: row.deciderOrganizationId
      ? { id: row.deciderOrganizationId, name: row.deciderOrganizationName ?? '' }
      : null,
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
    reason: row.reason,
  };
}
