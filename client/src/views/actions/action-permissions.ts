import { isResponsible as responsible } from '../../../../src/action-items/responsible';
import type { ActionItemDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import type { GroupContextValue } from '../groups/group-context';

/**
 * The server's rules for action items, so the client offers only what will be accepted: facilitators (and the
 * admin) create, edit and cancel; those responsible for the item (the server's own rule) move the status and write
 * progress notes; every member comments.
 */
export function isResponsible(item: ActionItemDto): boolean {
  const user = currentUser.value;
  if (!user) return false;
  return responsible(item, { id: user.id, organizationId: user.organization?.id ?? null });
}

export function canMove(item: ActionItemDto, group: GroupContextValue): boolean {
  return group.canManage || (group.canWrite && isResponsible(item));
}
