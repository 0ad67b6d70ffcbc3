import { ConflictException, ForbiddenException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { ACCESS_RULES, decide } from '../access/access-rules';
import { Permission, Role } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { isResponsible, ResponsibleItem } from './responsible';
import { refusal } from '../common/errors/refusal';

/**
 * What the access rules look at, read with the item once AccessService.requireOn has let the user see it: their
 * role in the item's group and whether the group is archived. Every further permission is decided from it here,
 * in memory, by the access table's own decide().
 */
export interface GroupStanding {
  role: Role | null;
  archived: boolean;
}

export function allows(user: AuthUser, standing: GroupStanding, permission: Permission): boolean {
  return decide(ACCESS_RULES[permission], user, standing) === 'allow';
}

/** Answers as AccessService.require does: 409 for a write in an archived group, 403 for a reader beyond their role. */
export function requirePermission(user: AuthUser, standing: GroupStanding, permission: Permission): void {
  const decision = decide(ACCESS_RULES[permission], user, standing);
  if (decision === 'allow') return;
  if (decision === 'archived') throw new ConflictException(refusal('group-archived'));
  // Only if the membership went between the access query and the item's read: the same 404 as for a hidden item.
  if (!allows(user, standing, Permission.GroupRead)) throw new NotFoundException(refusal('action-item-not-found'));
  throw new ForbiddenException(refusal('role-forbids', { permission }));
}

/** Status changes and progress notes: a facilitator (or the admin), or one responsible for the item who may work. */
export function requireResponsible(user: AuthUser, standing: GroupStanding, item: ResponsibleItem): void {
  if (allows(user, standing, Permission.ActionManage)) return;
  requirePermission(user, standing, Permission.ActionWork);
  if (!isResponsible(item, user))
    throw new HttpException(refusal('action-item-responsible-only'), HttpStatus.FORBIDDEN);
}
