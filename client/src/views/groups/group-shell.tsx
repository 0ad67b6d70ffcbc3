import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getGroup, listMembers } from '../../api/groups';
import type { MemberDto, MyGroupDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { follow, onGroupEvent, onResync } from '../../live/feed';
import { watchPresence } from '../../live/presence';
import { t } from '../../i18n/i18n';
import { location } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { GroupContext, type GroupContextValue } from './group-context';

/** Loads a group and its members once for all of its screens, keeps them live, and shows the group's tabs. */
export function GroupShell({ groupId, children }: { groupId: string; children: ComponentChildren }) {
  const [group, setGroup] = useState<MyGroupDto | null>(null);
  const [members, setMembers] = useState<MemberDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setError(null);
    Promise.all([getGroup(groupId), listMembers(groupId)]).then(
      ([loadedGroup, loadedMembers]) => {
        if (!current) return;
        follow(groupId, loadedGroup.lastSeq);
        setGroup(loadedGroup);
        setMembers(loadedMembers);
      },
      (failure: unknown) => current && setError(failure),
    );
    const stopPresence = watchPresence(groupId);
    const stopEvents = onGroupEvent(
      groupId,
      ['group.updated', 'member.added', 'member.updated', 'member.removed'],
      (_data, event) => {
        if (event.type === 'group.updated') {
          const updated = event.data;
          setGroup((g) => (g ? { ...g, ...updated, myRole: g.myRole } : g));
        }
        if (event.type === 'member.added' || event.type === 'member.updated') {
          // Feed events never carry an email address: keep the one the member list gave this reader, if any.
          const member = event.data;
          setMembers((list) => {
            const email = list.find((m) => m.userId === member.userId)?.email;
            return [...list.filter((m) => m.userId !== member.userId), email ? { ...member, email } : member];
          });
          if (member.userId === currentUser.value?.id) setGroup((g) => (g ? { ...g, myRole: member.role } : g));
        }
        if (event.type === 'member.removed') {
          const { userId } = event.data;
          setMembers((list) => list.filter((m) => m.userId !== userId));
          if (userId === currentUser.value?.id && !currentUser.value.isAdmin) setRemoved(true);
        }
      },
    );
    const stopResync = onResync((id) => id === groupId && setGeneration((g) => g + 1));
    return () => {
      current = false;
      stopPresence();
      stopEvents();
      stopResync();
    };
  }, [groupId, generation]);

  const value = useMemo<GroupContextValue | null>(() => {
    if (!group) return null;
    const names = new Map(members.map((m) => [m.userId, m.displayName]));
    const canManage = group.myRole === 'facilitator' || currentUser.value?.isAdmin === true;
    return {
      group,
      members,
      canManage,
      canWrite: !group.archived && (group.myRole === 'facilitator' || group.myRole === 'member'),
      memberName: (id) => names.get(id),
      replaceGroup: (next) => setGroup((g) => (g ? { ...next, myRole: g.myRole } : next)),
    };
  }, [group, members]);

  if (removed) {
    return (
      <p class="card" role="alert">
        {t('group.removed')} <Link href="/">{t('nav.groups')}</Link>
      </p>
    );
  }
  if (error) return <ErrorNote error={error} />;
  if (!value) return <p role="status">{t('common.loading')}</p>;

  const base = `/groups/${groupId}`;
  const path = location.value.path;
  const tabs: [string, string, boolean][] = [
    [base, t('group.tabThreads'), path === base || path.startsWith(`${base}/threads`)],
    [`${base}/actions`, t('group.tabActions'), path.startsWith(`${base}/actions`)],
    [`${base}/files`, t('group.tabFiles'), path === `${base}/files`],
    [`${base}/report`, t('group.tabReport'), path === `${base}/report`],
    [`${base}/ledger`, t('group.tabLedger'), path.startsWith(`${base}/ledger`)],
  ];
  tabs.push([
    `${base}/members`,
    value.canManage ? t('group.tabMembers') : t('group.tabMembersRead'),
    path === `${base}/members`,
  ]);
  if (value.canManage) tabs.push([`${base}/settings`, t('group.tabSettings'), path === `${base}/settings`]);

  return (
    <GroupContext.Provider value={value}>
      <div class="group-bar">
        <p class="group-name" dir="auto">
          {group!.name}
          {group!.archived && <span class="tag">{t('groups.archived')}</span>}
        </p>
        <nav aria-label={t('group.sections')} class="tabs">
          {tabs.map(([href, label, current]) => (
            <Link key={href} href={href} aria-current={current ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
      </div>
      {children}
    </GroupContext.Provider>
  );
}
