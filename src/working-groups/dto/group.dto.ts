import { Role } from '../../access/permission';

export class GroupDto {
  id: string;
  name: string;
  purpose: string;
  /** Global Compact for Migration objectives, 1 to 23. */
  objectives: number[];
  archived: boolean;
  archivedAt: string | null;
  memberCount: number;
  /** The newest change-feed seq: a client starts catch-up from here. */
  lastSeq: number;
  createdAt: string;
  updatedAt: string;
}

/** A group as the caller sees it: with their own role (null for the workspace admin outside it). */
export class MyGroupDto extends GroupDto {
  myRole: Role | null;
  /** Messages in the group's threads the caller has not read (their own excluded). */
  unreadCount: number;
}

export interface GroupRow {
  id: string;
  name: string;
  purpose: string;
  gcm_objectives: number[];
  archived_at: Date | null;
  my_role?: Role | null;
  unread_count?: number | string;
  member_count: number | string;
  last_seq: string;
  created_at: Date;
  updated_at: Date;
}

export const GROUP_COLUMNS = `g.id, g.name, g.purpose, g.gcm_objectives, g.archived_at, g.last_seq, g.created_at,
  g.updated_at, (SELECT count(*) FROM memberships c WHERE c.group_id = g.id) AS member_count`;

/** The caller's own columns; `$userParam` is the caller's id. */
export const MY_GROUP_COLUMNS = (userParam: string) => `m.role AS my_role,
  (SELECT count(*) FROM messages msg LEFT JOIN thread_reads r ON r.thread_id = msg.thread_id AND r.user_id = ${userParam}
    WHERE msg.group_id = g.id AND msg.deleted_at IS NULL AND msg.author_id IS DISTINCT FROM ${userParam}
      AND msg.seq > coalesce(r.last_read_seq, 0)) AS unread_count`;

export function toMyGroupDto(row: GroupRow): MyGroupDto {
  return { ...toGroupDto(row), myRole: row.my_role ?? null, unreadCount: Number(row.unread_count ?? 0) };
}

export function toGroupDto(row: GroupRow): GroupDto {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    objectives: [...row.gcm_objectives].map(Number).sort((a, b) => a - b),
    archived: row.archived_at !== null,
    archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null,
    memberCount: Number(row.member_count),
    lastSeq: Number(row.last_seq),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
