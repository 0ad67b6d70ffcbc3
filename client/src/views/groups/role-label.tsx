import type { Role } from '../../api/server-types';
import { t } from '../../i18n/i18n';

export const roleText = (role: Role) =>
  ({ facilitator: t('role.facilitator'), member: t('role.member'), observer: t('role.observer') })[role];

export function RoleLabel({ role }: { role: Role }) {
  return <span class={`tag role-${role}`}>{roleText(role)}</span>;
}
