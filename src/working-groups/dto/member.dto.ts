import { ApiProperty } from '@nestjs/swagger';
import type { MemberRow } from '../../access/membership.repository';
import { Role } from '../../access/permission';
import { OrganizationKind } from '../../organizations/entities/organization.entity';
import { PageOf } from '../../common/openapi/page.dto';

export class MemberOrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  kind: OrganizationKind;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  groupId: string;
  @ApiProperty({ format: 'uuid' })
  userId: string;
  displayName: string;
  /**
   * Only for those who may see it (see email-visibility.ts): the group's facilitators, the workspace admin, people
   * of the same organization and the member themselves. Never in the change feed, which every member replays.
   */
  email?: string;
  role: Role;
  organization: MemberOrganizationDto | null;
  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
}

export class MemberPageDto extends PageOf(MemberDto) {}

/** Without the email address unless `showEmail` says the reader may see it. */
export function toMemberDto(row: MemberRow, showEmail = false): MemberDto {
  return {
    groupId: row.groupId,
    userId: row.userId,
    displayName: row.displayName,
    ...(showEmail ? { email: row.email } : {}),
    role: row.role,
    organization: row.organizationId
      ? { id: row.organizationId, name: row.organizationName ?? '', kind: row.organizationKind ?? 'other' }
      : null,
    joinedAt: new Date(row.joinedAt).toISOString(),
  };
}
