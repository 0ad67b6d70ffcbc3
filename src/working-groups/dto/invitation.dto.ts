import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../access/permission';
import type { Invitation } from '../entities/invitation.entity';
import { PageOf } from '../../common/openapi/page.dto';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  invitedBy: { id: string; displayName: string } | null;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

export class InvitationPageDto extends PageOf(InvitationDto) {}

/**
 * What the holder of an invitation link sees before accepting: the group, the role, who invited, the address it
 * was sent to (accepting needs that account) and whether it is still open. Nothing else of the group.
 */
export class InvitationPreviewDto {
  groupName: string;
  role: Role;
  invitedBy: string | null;
  email: string;
  status: InvitationStatus;
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

/** Only the answer to the facilitator who creates it carries the token; it is not stored. */
export class CreatedInvitationDto extends InvitationDto {
  token: string;
  /** The path the invitee opens in the web client. */
  acceptPath: string;
}

/** An invitation as its repository reads it: the entity's columns and the inviter's name. */
export type InvitationRow = Pick<
  Invitation,
  'id' | 'groupId' | 'email' | 'role' | 'invitedById' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'acceptedAt'
> & { inviterName: string | null };

export function invitationStatus(
  row: Pick<InvitationRow, 'revokedAt' | 'acceptedAt' | 'expiresAt'>,
  now = Date.now(),
): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return new Date(row.expiresAt).getTime() <= now ? 'expired' : 'pending';
}

export function toInvitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    groupId: row.groupId,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    invitedBy: row.invitedById ? { id: row.invitedById, displayName: row.inviterName ?? '' } : null,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}
