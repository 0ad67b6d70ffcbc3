import type { ErrorCode } from '../common/errors/texts/en';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { ACCESS_RULES, decide, Decision } from './access-rules';
import { GroupAccess, MembershipRepository, SubjectKind } from './membership.repository';
import { Permission, Role } from './permission';
import { refusal } from '../common/errors/refusal';

/** Each kind of subject's 404. */
const NOT_FOUND: Record<SubjectKind, ErrorCode> = {
  thread: 'thread-not-found',
  message: 'message-not-found',
  'action-item': 'action-item-not-found',
  invitation: 'invitation-not-found',
};

/** Something that lives in a working group, named by its id. */
export type Subject = { kind: SubjectKind; id: string };

/**
 * The one mapping from a decision to an answer. A member asking for something beyond their role may know the
 * group exists (403); anyone else gets the same 404 as for a group that does not exist.
 */
function refuseUnlessAllowed(
  user: AuthUser,
  permission: Permission,
  group: GroupAccess | undefined,
  notFound: ErrorCode,
): asserts group is GroupAccess {
  const decision = decide(ACCESS_RULES[permission], user, group);
  if (decision === 'allow') return;
  if (decision === 'archived') throw new ConflictException(refusal('group-archived'));
  if (permission !== Permission.GroupRead && decide(ACCESS_RULES[Permission.GroupRead], user, group) === 'allow') {
    throw new ForbiddenException(refusal('role-forbids', { permission }));
  }
  throw new NotFoundException(refusal(notFound));
}

/**
 * For what lies outside any group (creating a group, changing the account): a token acts only within the groups it
 * was given, and its account belongs to the people who manage the token.
 */
export function refuseApiToken(user: AuthUser, action: string): void {
  if (user.apiToken) throw new ForbiddenException(refusal('api-token-forbidden', { action }));
}

/**
 * The one place that answers "may this user do this on these groups". One set-based query per call,
 * whatever the number of ids, against the current memberships: a role change counts at the next request.
 */
@Injectable()
export class AccessService {
  constructor(private readonly memberships: MembershipRepository) {}

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
    for (const id of groupIds) refuseUnlessAllowed(user, permission, rows.get(id), 'working-group-not-found');
  }

  /**
   * require() for a thread, message, action item or invitation: finds its group and checks it in one query, and answers with the group's
   * id. A thing that does not exist and one in a group hidden from the user are the same 404.
   */
  async requireOn(user: AuthUser, permission: Permission, subject: Subject, tx?: EntityManager): Promise<string> {
    const row = await this.memberships.accessToSubject(user.id, subject.kind, subject.id, tx);
    refuseUnlessAllowed(user, permission, row, NOT_FOUND[subject.kind]);
    return row.id;
  }

  /** The user's role in a group, or null; for rules that depend on the subject (the last facilitator). */
  role(userId: string, groupId: string, tx?: EntityManager): Promise<Role | null> {
    return this.memberships.role(userId, groupId, tx);
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
  private async groupRows(user: AuthUser, groupIds: string[], tx?: EntityManager): Promise<Map<string, GroupAccess>> {
    const rows = await this.memberships.accessToGroups(user.id, groupIds, tx);
    return new Map(rows.map((row) => [row.id, row]));
  }
}
