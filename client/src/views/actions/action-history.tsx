import { useEffect, useState } from 'preact/hooks';
import type { ActionChangeDto, OrganizationDto } from '../../api/server-types';
import { direction, formatDateTime, t } from '../../i18n/i18n';
import { useGroup } from '../groups/group-context';
import { historyLine, type HistoryNames } from './history-text';
import { organizations } from './organizations';

/** Who changed what on an item, and when: every field change the server recorded, in the reader's language. */
export function ActionHistory({ history }: { history: ActionChangeDto[] }) {
  const { members } = useGroup();
  const [orgs, setOrgs] = useState<OrganizationDto[]>([]);
  useEffect(() => {
    organizations().then(setOrgs, () => setOrgs([]));
  }, []);
  const names: HistoryNames = {
    organization: (id) => orgs.find((o) => o.id === id)?.name,
    person: (id) => members.find((m) => m.userId === id)?.displayName,
  };
  // From the old value to the new one, in reading order: right to left in Arabic.
  const arrow = direction.value === 'rtl' ? '←' : '→';
  return (
    <section class="card" aria-labelledby="action-history">
      <h2 id="action-history">{t('action.history')}</h2>
      {history.length === 0 ? (
        <p class="muted">{t('action.noHistory')}</p>
      ) : (
        <ol class="history-list" data-testid="action-history">
          {history.map((change, i) => {
            const line = historyLine(change, names);
            return (
              <li key={`${change.at}-${i}`}>
                <strong dir="auto">{change.actor?.displayName ?? t('message.unknownAuthor')}</strong> · {line.field}:{' '}
                <bdi>{line.before}</bdi> {arrow} <bdi>{line.after}</bdi>{' '}
                <span class="muted">{formatDateTime(change.at)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
