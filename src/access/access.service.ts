import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { preparedQuery } from '../database/prepared-query';
import { ACCESS_RULES, decide, Decision } from './access-rules';
import { Permission, Role } from './permission';

interface GroupAccessRow {
  id: string;
  archived: boolean;
  role: Role | null;
}

/** Where each kind of subject is stored, and its 404 (the table name never comes from a request). */
const SUBJECTS = {
  thread: { table: 'threads', notFound: 'Thread not found' },
  message: { table: 'messages', notFound: 'Message not found' },
  'action-item': { table: 'action_items', notFound: 'Action item not found' },
  invitation: { table: 'invitations', notFound: 'Invitation not found' },
};

/** Something that lives in a working group, named by its id. */
export type Subject = { kind: keyof typeof SUBJECTS; id: string };

/**
 * The one mapping from a decision to an answer. A member asking for something beyond their role may know the
 * group exists (403); anyone else gets the same 404 as for a group that does not exist.
 */
function refuseUnlessAllowed(
  user: AuthUser,
  permission: Permission,
  group: GroupAccessRow | undefined,
  notFound: string,
): asserts group is GroupAccessRow {
  const decision = decide(ACCESS_RULES[permission], user, group);
  if (decision === 'allow') return;
  if (decision === 'archived') throw new ConflictException('The working group is archived and read-only');
  if (permission !== Permission.GroupRead && decide(ACCESS_RULES[Permission.GroupRead], user, group) === 'allow') {
    throw new ForbiddenException(`Your role in this working group does not allow ${permission}`);
  }
  throw new NotFoundException(notFound);
}

/**
 * The one place that answers "may this user do this on these groups". One set-based query per call,
 * whatever the number of ids, against the current memberships: a role change counts at the next request.
 */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  /** The ids among `groupIds` where the permission is granted (archived groups excluded for writes). */
  async filter(user: AuthUser, permission: Permission, groupIds: string[], tx?: EntityManager): Promise<Set<string>> {
    const decisions = await this.decisions(user, permission, groupIds, tx);
    return new Set([...decisions].filter(([, d]) => d === 'allow').map(([id]) => id));
  }

  /**
   * Throws unless granted on every group. Not-a-member and does-not-exist are the same 404, so ids leak nothing;
   * a member asking for something beyond their role gets 403; a write on an archived group gets 409.
   */
  async require(user: AuthUser, permission: Permission, groupIds: string[], tx?: EntityManager): Promise<void> {
    const rows = await this.groupRows(user, groupIds, tx);
    for (const id of groupIds) refuseUnlessAllowed(user, permission, rows.get(id), 'Working group not found');
  }

  /**
   * require() for a thread, message, action item or invitation: finds its group and checks it in one query, and answers with the group's
   * id. A thing that does not exist and one in a group hidden from the user are the same 404.
   */
  async requireOn(user: AuthUser, permission: Permission, subject: Subject, tx?: EntityManager): Promise<string> {
    const { table, notFound } = SUBJECTS[subject.kind];
    const [row] = await preparedQuery<GroupAccessRow>(
      tx ?? this.db.manager,
      `tansiq.access-${subject.kind}`,
      `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
         FROM ${table} s JOIN working_groups g ON g.id = s.group_id
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
        WHERE s.id = $2`,
      [user.id, subject.id],
    );
    refuseUnlessAllowed(user, permission, row, notFound);
    return row.id;
  }

  /** The user's role in a group, or null; for rules that depend on the subject (the last facilitator). */
  async role(userId: string, groupId: string, tx?: EntityManager): Promise<Role | null> {
    const rows: { role: Role }[] = await (tx ?? this.db.manager).query(
      'SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2',
      [groupId, userId],
    );
    return rows[0]?.role ?? null;
  }

  private async decisions(
    user: AuthUser,
    permission: Permission,
    groupIds: string[],
    tx?: EntityManager,
  ): Promise<Map<string, Decision>> {
    const rows = await this.groupRows(user, groupIds, tx);
    return new Map(groupIds.map((id) => [id, decide(ACCESS_RULES[permission], user, rows.get(id))]));
  }

  /** What the access rules look at, for each of the groups that exist: archived, and the user's role. */
  private async groupRows(
    user: AuthUser,
    groupIds: string[],
    tx?: EntityManager,
  ): Promise<Map<string, GroupAccessRow>> {
    const rows = groupIds.length
      ? await preparedQuery<GroupAccessRow>(
          tx ?? this.db.manager,
          'tansiq.access-groups',
          `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
             FROM working_groups g
             LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
            WHERE g.id = ANY($2::uuid[])`,
          [user.id, groupIds],
        )
      : [];
    return new Map(rows.map((row) => [row.id, row]));
  }
}
