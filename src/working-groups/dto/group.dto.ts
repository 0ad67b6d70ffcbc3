import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../access/permission';
import type { WorkingGroup } from '../entities/working-group.entity';
import { PageOf } from '../../common/openapi/page.dto';

export class GroupDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  purpose: string;
  /** Global Compact for Migration objectives, 1 to 23. */
  objectives: number[];
  archived: boolean;
  /** Whose members verify progress claims besides facilitators. */
  verifierOrganization: { id: string; name: string } | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  archivedAt: string | null;
  memberCount: number;
  /** The newest change-feed seq: a client starts catch-up from here. */
  lastSeq: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

/** A group as the caller sees it: with their own role (null for the workspace admin outside it). */
export class MyGroupDto extends GroupDto {
  myRole: Role | null;
  /** Messages in the group's threads the caller has not read (their own excluded). */
  unreadCount: number;
}

export class GroupPageDto extends PageOf(MyGroupDto) {}

/** A group as its repository reads it: the entity's columns, its member count and, for a caller, their own. */
export type GroupRow = Pick<
  WorkingGroup,
  'id' | 'name' | 'purpose' | 'gcmObjectives' | 'archivedAt' | 'lastSeq' | 'createdAt' | 'updatedAt'
> & {
  memberCount: number | string;
  myRole?: Role | null;
  unreadCount?: number | string;
  verifierOrganizationId: string | null;
  verifierOrganizationName: string | null;
};

export function toMyGroupDto(row: GroupRow): MyGroupDto {
  return { ...toGroupDto(row), myRole: row.myRole ?? null, unreadCount: Number(row.unreadCount ?? 0) };
}

export function toGroupDto(row: GroupRow): GroupDto {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    objectives: [...row.gcmObjectives].map(Number).sort((a, b) => a - b),
    archived: row.archivedAt !== null,
    verifierOrganization: row.verifierOrganizationId
      ? { id: row.verifierOrganizationId, name: row.verifierOrganizationName ?? '' }
      : null,
    archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
    memberCount: Number(row.memberCount),
    lastSeq: Number(row.lastSeq),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
