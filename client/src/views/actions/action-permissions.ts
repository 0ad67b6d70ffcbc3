import type { ActionItemDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import type { GroupContextValue } from '../groups/group-context';

/**
 * The server's rules for action items, so the client offers only what will be accepted: facilitators (and the
 * admin) create, edit and cancel; the focal person and members of the lead organization move the status and write
 * progress notes; every member comments.
 */
export function isResponsible(item: ActionItemDto): boolean {
  const user = currentUser.value;
  if (!user) return false;
  return (
    item.focalPerson?.id === user.id ||
    (user.organization !== null && item.leadOrganization?.id === user.organization.id)
  );
}

export function canMove(item: ActionItemDto, group: GroupContextValue): boolean {
  return group.canManage || (group.canWrite && isResponsible(item));
}
