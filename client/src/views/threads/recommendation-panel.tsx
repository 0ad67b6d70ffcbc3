import { useEffect, useState } from 'preact/hooks';
import { getPositions } from '../../api/threads';
import type { PositionsDto, ThreadDto } from '../../api/server-types';
import { onGroupEvent } from '../../live/feed';
import { formatDay, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { SafeHtml } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';
import { FileList } from '../files/file-card';
import { attachmentsOf } from '../files/removed-files';
import { OutcomeForm } from './outcome-form';
import { PositionForm } from './position-form';
import { PositionsTally } from './positions-tally';
import { outcomeText } from './recommendation-text';

/** The proposal, everyone's positions, the tally per organization, and the facilitator's outcome. */
export function RecommendationPanel({ thread, onChange }: { thread: ThreadDto; onChange: (t: ThreadDto) => void }) {
  const { group, canWrite, canManage } = useGroup();
  // Action items are created by facilitators; taking a position is for every member.
  const [positions, setPositions] = useState<PositionsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = thread.status !== 'closed';

  useEffect(() => {
    getPositions(thread.id).then(setPositions, setError);
    return onGroupEvent(group.id, ['position.changed'], (data) => data.threadId === thread.id && setPositions(data));
  }, [thread.id, group.id]);

  return (
    <section class="card recommendation" aria-labelledby="proposal-title">
      <h2 id="proposal-title">{t('recommendation.proposal')}</h2>
      {thread.proposalHtml && <SafeHtml class="proposal" html={thread.proposalHtml} />}
      <FileList files={attachmentsOf(thread)} />
      {thread.outcome ? (
        <div class={`outcome outcome-${thread.outcome}`} data-testid="outcome">
          <h3>
            {t('recommendation.outcome')}: {outcomeText(thread.outcome)}
          </h3>
          {thread.outcomeStatement && <p dir="auto">{thread.outcomeStatement}</p>}
          {thread.reviewDate && (
            <p class="meta">{t('recommendation.reviewOn', { date: formatDay(thread.reviewDate) })}</p>
          )}
          {canManage && (
            <Link
              href={`/groups/${group.id}/actions?new=1&sourceType=recommendation&sourceId=${thread.id}`}
              class="button-quiet"
            >
              {t('recommendation.createAction')}
            </Link>
          )}
        </div>
      ) : (
        <p class="tag">{t('recommendation.open')}</p>
      )}
      <ErrorNote error={error} />
      {positions && <PositionsTally positions={positions} />}
      {open && canWrite && positions && (
        <PositionForm threadId={thread.id} positions={positions} onSaved={setPositions} />
      )}
      {open && canManage && <OutcomeForm threadId={thread.id} onClosed={onChange} />}
    </section>
  );
}
