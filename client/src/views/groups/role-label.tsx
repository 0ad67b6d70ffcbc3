import { roleName } from '../../../../src/notifications/texts/notification-text';
import type { Role } from '../../api/server-types';
import { translator } from '../../i18n/i18n';

export const roleText = (role: Role) => roleName(role, translator);

export function RoleLabel({ role }: { role: Role }) {
  return <span class={`tag role-${role}`}>{roleText(role)}</span>;
}
