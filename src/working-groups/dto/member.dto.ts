import { Role } from '../../access/permission';
import { OrganizationKind } from '../../organizations/entities/organization.entity';

export class MemberOrganizationDto {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export class MemberDto {
  groupId: string;
  userId: string;
  displayName: string;
  /**
   * Only for those who may see it (see email-visibility.ts): the group's facilitators, the workspace admin, people
   * of the same organization and the member themselves. Never in the change feed, which every member replays.
   */
  email?: string;
  role: Role;
  organization: MemberOrganizationDto | null;
  joinedAt: string;
}

export interface MemberRow {
  group_id: string;
  user_id: string;
  display_name: string;
  email: string;
  role: Role;
  organization_id: string | null;
  organization_name: string | null;
  organization_kind: OrganizationKind | null;
  joined_at: Date;
}

export const MEMBER_COLUMNS = `m.group_id, m.user_id, u.display_name, u.email, m.role, o.id AS organization_id,
  o.name AS organization_name, o.kind AS organization_kind, m.created_at AS joined_at`;
export const MEMBER_JOINS = `JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.organization_id`;

/** Without the email address unless `showEmail` says the reader may see it. */
export function toMemberDto(row: MemberRow, showEmail = false): MemberDto {
  return {
    groupId: row.group_id,
    userId: row.user_id,
    displayName: row.display_name,
    ...(showEmail ? { email: row.email } : {}),
    role: row.role,
    organization: row.organization_id
      ? { id: row.organization_id, name: row.organization_name ?? '', kind: row.organization_kind ?? 'other' }
      : null,
    joinedAt: new Date(row.joined_at).toISOString(),
  };
}
