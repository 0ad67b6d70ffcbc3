import { currentUser } from '../../api/session';
import { online, typing } from '../../live/presence';
import { formatList, t, tn } from '../../i18n/i18n';
import { useGroup } from '../groups/group-context';

/** Who else is here (online in the group) and who is writing in this thread. */
export function PresenceBar({ groupId, threadId }: { groupId: string; threadId: string }) {
  const { memberName } = useGroup();
  const me = currentUser.value?.id;
  const others = (online.value[groupId] ?? []).filter((id) => id !== me);
  const names = others.map((id) => memberName(id)).filter((name): name is string => Boolean(name));
  const writers = Object.entries(typing.value[threadId] ?? {})
    .filter(([id]) => id !== me)
    .map(([, person]) => person.name);

  return (
    <div class="presence-bar">
      <p class="muted" data-testid="presence">
        <span class="online-dot" aria-hidden="true" />
        {names.length === 0 ? t('presence.nobody') : tn('presence.online', names.length, { names: formatList(names) })}
      </p>
      <p class="typing" aria-live="polite" data-testid="typing">
        {writers.length > 0 ? tn('presence.typing', writers.length, { names: formatList(writers) }) : ''}
      </p>
    </div>
  );
}
