import { Role } from '../../access/permission';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export class InvitationDto {
  id: string;
  groupId: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  invitedBy: { id: string; displayName: string } | null;
  createdAt: string;
  expiresAt: string;
}

/** Only the answer to the facilitator who creates it carries the token; it is not stored. */
export class CreatedInvitationDto extends InvitationDto {
  token: string;
  /** The path the invitee opens in the web client. */
  acceptPath: string;
}

export interface InvitationRow {
  id: string;
  group_id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  inviter_name: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  accepted_at: Date | null;
}

export function invitationStatus(
  row: Pick<InvitationRow, 'revoked_at' | 'accepted_at' | 'expires_at'>,
  now = Date.now(),
): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at).getTime() <= now ? 'expired' : 'pending';
}

export function toInvitationDto(row: InvitationRow): InvitationDto {
  return {
    id: row.id,
    groupId: row.group_id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    invitedBy: row.invited_by ? { id: row.invited_by, displayName: row.inviter_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
