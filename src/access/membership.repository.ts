import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { Organization } from '../organizations/entities/organization.entity';
import type { User } from '../users/entities/user.entity';
import type { Membership } from '../working-groups/entities/membership.entity';
import type { WorkingGroup } from '../working-groups/entities/working-group.entity';
import { Role } from './permission';

/** What the access rules look at for one group: whether it is archived, and the user's role in it (or null). */
export interface GroupAccess {
  id: WorkingGroup['id'];
  archived: boolean;
  role: Role | null;
}

/** Where each kind of subject is stored (the table name never comes from a request). */
const SUBJECT_TABLES = {
  thread: 'threads',
  message: 'messages',
  'action-item': 'action_items',
  invitation: 'invitations',
} as const;

export type SubjectKind = keyof typeof SUBJECT_TABLES;

/** A membership with its user's name, email and organization, as the members list and the feed show it. */
export type MemberRow = Pick<Membership, 'groupId' | 'userId' | 'role'> &
  Pick<User, 'displayName' | 'email'> & {
    joinedAt: Membership['createdAt'];
    organizationId: Organization['id'] | null;
    organizationName: Organization['name'] | null;
    organizationKind: Organization['kind'] | null;
  };

const MEMBER_COLUMNS = `m.group_id AS "groupId", m.user_id AS "userId", u.display_name AS "displayName", u.email,
  m.role, o.id AS "organizationId", o.name AS "organizationName", o.kind AS "organizationKind",
  m.created_at AS "joinedAt"`;
const MEMBER_JOINS = `JOIN users u ON u.id = m.user_id LEFT JOIN organizations o ON o.id = u.organization_id`;

/**
 * Every query about who belongs to which group: the access checks (hot, prepared, one round trip each), the
 * members list, membership writes, and the gateway's rooms and presence.
 */
@Injectable()
export class MembershipRepository {
  constructor(private readonly db: DataSource) {}

  /** The access row of each of `groupIds` that exists. */
  async accessToGroups(userId: string, groupIds: string[], tx?: EntityManager): Promise<GroupAccess[]> {
    if (groupIds.length === 0) return [];
    return preparedQuery<GroupAccess>(
      tx ?? this.db.manager,
      'tansiq.access-groups',
      `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
         FROM working_groups g
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
        WHERE g.id = ANY($2::uuid[])`,
      [userId, groupIds],
    );
  }

  /** The access row of the group a thread, message, action item or invitation lives in; undefined when none. */
  async accessToSubject(
    userId: string,
    kind: SubjectKind,
    subjectId: string,
    tx?: EntityManager,
  ): Promise<GroupAccess | undefined> {
    const [row] = await preparedQuery<GroupAccess>(
      tx ?? this.db.manager,
      `tansiq.access-${kind}`,
      `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
         FROM ${SUBJECT_TABLES[kind]} s JOIN working_groups g ON g.id = s.group_id
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
        WHERE s.id = $2`,
      [userId, subjectId],
    );
    return row;
  }

  async role(userId: string, groupId: string, tx?: EntityManager): Promise<Role | null> {
    const rows: { role: Role }[] = await (tx ?? this.db.manager).query(
      'SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2',
      [groupId, userId],
    );
    return rows[0]?.role ?? null;
  }

  async insert(tx: EntityManager, groupId: string, userId: string, role: Role): Promise<void> {
    await tx.query('INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, $3)', [groupId, userId, role]);
  }

  async setRole(tx: EntityManager, groupId: string, userId: string, role: Role): Promise<void> {
    await tx.query('UPDATE memberships SET role = $3, updated_at = now() WHERE group_id = $1 AND user_id = $2', [
      groupId,
      userId,
      role,
    ]);
  }

  async delete(tx: EntityManager, groupId: string, userId: string): Promise<void> {
    await tx.query('DELETE FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  }

  async countFacilitators(tx: EntityManager, groupId: string): Promise<number> {
    const [{ count }]: { count: number }[] = await tx.query(
      `SELECT count(*)::int AS count FROM memberships WHERE group_id = $1 AND role = 'facilitator'`,
      [groupId],
    );
    return Number(count);
  }

  /** One page of members by name, after the (lower-cased name, user id) cursor; `limit` rows plus one. */
  async page(
    groupId: string,
    cursor: [string, string] | null,
    limit: number,
  ): Promise<(MemberRow & { sortName: string })[]> {
    return this.db.query(
      `SELECT ${MEMBER_COLUMNS}, lower(u.display_name) AS "sortName"
         FROM memberships m ${MEMBER_JOINS}
        WHERE m.group_id = $1 AND ($2::text IS NULL OR (lower(u.display_name), m.user_id) > ($2::text, $3::uuid))
        ORDER BY lower(u.display_name), m.user_id
        LIMIT $4`,
      [groupId, cursor?.[0] ?? null, cursor?.[1] ?? null, limit],
    );
  }

  async member(tx: EntityManager, groupId: string, userId: string): Promise<MemberRow | undefined> {
    const [row]: MemberRow[] = await tx.query(
      `SELECT ${MEMBER_COLUMNS} FROM memberships m ${MEMBER_JOINS} WHERE m.group_id = $1 AND m.user_id = $2`,
      [groupId, userId],
    );
    return row;
  }

  /** Those of `userIds` who are members of the group, by id → display name. */
  async membersAmong(groupId: string, userIds: string[], tx?: EntityManager): Promise<Map<string, string>> {
    const rows: { userId: string; displayName: string }[] = await (tx ?? this.db).query(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName" FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = $1 AND m.user_id = ANY($2::uuid[])`,
      [groupId, userIds],
    );
    return new Map(rows.map((row) => [row.userId, row.displayName]));
  }

  /** The group's members but one (the one who acted), to be told of what they did. */
  async membersExcept(groupId: string, userId: string | null): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.query(
      'SELECT user_id FROM memberships WHERE group_id = $1 AND user_id IS DISTINCT FROM $2',
      [groupId, userId],
    );
    return rows.map((row) => row.user_id);
  }

  /** The groups the user is a member of. */
  async groupIdsOf(userId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query('SELECT group_id AS id FROM memberships WHERE user_id = $1', [
      userId,
    ]);
    return rows.map((row) => row.id);
  }

  /** Every group there is: the workspace admin reads them all. */
  async allGroupIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query('SELECT id FROM working_groups');
    return rows.map((row) => row.id);
  }
}
