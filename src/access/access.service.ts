import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ACCESS_RULES, decide, Decision } from './access-rules';
import { Permission, Role } from './permission';

interface GroupAccessRow {
  id: string;
  archived: boolean;
  role: Role | null;
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
    const decisions = await this.decisions(user, permission, groupIds, tx);
    for (const id of groupIds) {
      const decision = decisions.get(id) ?? 'hidden';
      if (decision === 'allow') continue;
      if (decision === 'archived') throw new ConflictException('The working group is archived and read-only');
      if (permission !== Permission.GroupRead && (await this.canRead(user, id, tx))) {
        throw new ForbiddenException(`Your role in this working group does not allow ${permission}`);
      }
      throw new NotFoundException('Working group not found');
    }
  }

  /** The user's role in a group, or null; for rules that depend on the subject (the last facilitator). */
  async role(userId: string, groupId: string, tx?: EntityManager): Promise<Role | null> {
    const rows: { role: Role }[] = await (tx ?? this.db.manager).query(
      'SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2',
      [groupId, userId],
    );
    return rows[0]?.role ?? null;
  }

  private async canRead(user: AuthUser, groupId: string, tx?: EntityManager): Promise<boolean> {
    const decisions = await this.decisions(user, Permission.GroupRead, [groupId], tx);
    return decisions.get(groupId) === 'allow';
  }

  private async decisions(
    user: AuthUser,
    permission: Permission,
    groupIds: string[],
    tx?: EntityManager,
  ): Promise<Map<string, Decision>> {
    const rule = ACCESS_RULES[permission];
    const rows: GroupAccessRow[] = groupIds.length
      ? await (tx ?? this.db.manager).query(
          `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
             FROM working_groups g
             LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
            WHERE g.id = ANY($2::uuid[])`,
          [user.id, groupIds],
        )
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return new Map(groupIds.map((id) => [id, decide(rule, user, byId.get(id))]));
  }
}
