import { useEffect, useState } from 'preact/hooks';
import { changeRole, getPreference, leaveGroup, removeMember, setPreference } from '../../api/groups';
import type { NotificationLevel, Role } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { loadGroups } from '../../live/groups';
import { online } from '../../live/presence';
import { t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { useGroup } from '../groups/group-context';
import { RoleLabel, roleText } from '../groups/role-label';
import { ApiTokens } from './api-tokens';
import { Invitations } from './invitations';

const ROLES: Role[] = ['facilitator', 'member', 'observer'];
const LEVELS: NotificationLevel[] = ['all', 'mentions-and-assignments', 'none'];

/** Members (roles, removal) and invitations for facilitators; everyone sees the list and sets their own alerts. */
export function MembersPage({ groupId }: { groupId: string }) {
  const { group, members, canManage } = useGroup();
  const [error, setError] = useState<unknown>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const me = currentUser.value?.id;
  const here = new Set(online.value[groupId] ?? []);
  const sorted = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName));

  return (
    <Page title={canManage ? t('members.title') : t('group.tabMembersRead')}>
      <ErrorNote error={error} />
      <div class="table-scroll">
        <table class="table" data-testid="members">
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.organization')}</th>
              <th scope="col">{t('members.role')}</th>
              {canManage && <th scope="col">{t('members.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sorted.map((m) => (
              <tr key={m.userId}>
                <th scope="row" dir="auto">
                  {m.displayName}
                  {here.has(m.userId) && <span class="tag tag-online">{t('members.online')}</span>}
                  {/* The server sends an address only to those who may see it (facilitators, admin, colleagues). */}
                  {m.email && (
                    <span class="muted block" dir="ltr">
                      {m.email}
                    </span>
                  )}
                </th>
                <td dir="auto">{m.organization?.name ?? '—'}</td>
                <td>
                  {canManage && m.userId !== me ? (
                    <select
                      aria-label={t('members.roleOf', { name: m.displayName })}
                      value={m.role}
                      onChange={(e) => changeRole(groupId, m.userId, e.currentTarget.value as Role).catch(setError)}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleText(r)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <RoleLabel role={m.role} />
                  )}
                </td>
                {canManage && (
                  <td>
                    {m.userId !== me &&
                      (confirmRemove === m.userId ? (
                        <>
                          <button
                            type="button"
                            class="button-danger"
                            onClick={() => removeMember(groupId, m.userId).then(() => setConfirmRemove(null), setError)}
                          >
                            {t('members.confirmRemove', { name: m.displayName })}
                          </button>{' '}
                          <button type="button" class="button-link" onClick={() => setConfirmRemove(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button type="button" class="button-link" onClick={() => setConfirmRemove(m.userId)}>
                          {t('members.remove')}
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage && !group.archived && <Invitations groupId={groupId} />}
      {canManage && <ApiTokens groupId={groupId} />}
      {group.myRole && <Preference groupId={groupId} />}
      {group.myRole && (
        <button
          type="button"
          class="button-quiet"
          onClick={() =>
            leaveGroup(groupId).then(async () => {
              await loadGroups();
              navigate('/');
            }, setError)
          }
        >
          {t('members.leave')}
        </button>
      )}
    </Page>
  );
}

function Preference({ groupId }: { groupId: string }) {
  const [level, setLevel] = useState<NotificationLevel | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getPreference(groupId).then((p) => setLevel(p.level), setError);
  }, [groupId]);
  const text = (l: NotificationLevel) =>
    ({ all: t('preference.all'), 'mentions-and-assignments': t('preference.mentions'), none: t('preference.none') })[l];
  return (
    <section class="card" aria-labelledby="preference-title">
      <h2 id="preference-title">{t('preference.title')}</h2>
      {level && (
        <fieldset>
          <legend>{t('preference.legend')}</legend>
          {LEVELS.map((l) => (
            <label key={l} class="choice">
              <input
                type="radio"
                name="preference"
                checked={level === l}
                onChange={() => setPreference(groupId, l).then((p) => setLevel(p.level), setError)}
              />{' '}
              {text(l)}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
