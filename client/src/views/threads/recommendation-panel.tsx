import { useEffect, useRef, useState } from 'preact/hooks';
import { getPositions, updateThread } from '../../api/threads';
import { currentUser } from '../../api/session';
import type { PositionsDto, ThreadDto } from '../../api/server-types';
import { onGroupEvent } from '../../live/feed';
import { formatDay, t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { SafeHtml } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';
import { AttachButton, DropZone, PendingChips, useFileDraft } from '../files/attach-control';
import { FileList } from '../files/file-card';
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
  // Closing removes the form that had focus: focus moves to the outcome it produced, not to the page's body.
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  const [justClosed, setJustClosed] = useState(false);
  useEffect(() => {
    if (justClosed) outcomeHeading.current?.focus();
  }, [justClosed, thread.outcome]);

  useEffect(() => {
    getPositions(thread.id).then(setPositions, setError);
    return onGroupEvent(group.id, ['position.changed'], (data) => data.threadId === thread.id && setPositions(data));
  }, [thread.id, group.id]);

  return (
    <section class="card recommendation" aria-labelledby="proposal-title">
      <h2 id="proposal-title">{t('recommendation.proposal')}</h2>
      {thread.proposalHtml && <SafeHtml class="proposal" html={thread.proposalHtml} />}
      <FileList files={thread.attachments} />
      {open && canWrite && (canManage || thread.author?.id === currentUser.value?.id) && (
        <ProposalFiles thread={thread} onChange={onChange} />
      )}
      {thread.outcome ? (
        <div class={`outcome outcome-${thread.outcome}`} data-testid="outcome">
          <h3 ref={outcomeHeading} tabIndex={-1}>
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
      <Link href={`/groups/${group.id}/threads/${thread.id}/timeline`} data-testid="timeline-link">
        {t('timeline.open')}
      </Link>
      <ErrorNote error={error} />
      {positions && <PositionsTally positions={positions} />}
      {open && canWrite && positions && (
        <PositionForm threadId={thread.id} positions={positions} onSaved={setPositions} />
      )}
      {open && canManage && (
        <OutcomeForm
          threadId={thread.id}
          onClosed={(closed) => {
            onChange(closed);
            setJustClosed(true);
          }}
        />
      )}
    </section>
  );
}

/** Supporting documents for an open proposal, added by its author or a facilitator (the proposal's own files). */
function ProposalFiles({ thread, onChange }: { thread: ThreadDto; onChange: (t: ThreadDto) => void }) {
  const { group } = useGroup();
  const files = useFileDraft(group.id);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!files.ids.length || files.busy) return;
    setSaving(true);
    setError(null);
    try {
      onChange(await updateThread(thread.id, { attachmentIds: files.ids }));
      files.clear();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  return (
    <DropZone draft={files} class="proposal-files">
      <form onSubmit={submit}>
        <AttachButton draft={files} label={t('files.attachToProposal')} describedBy="proposal-files-hint" />
        <p id="proposal-files-hint" class="hint">
          {t('files.dropHint')}
        </p>
        <PendingChips draft={files} />
        <ErrorNote error={error} />
        {files.files.length > 0 && (
          <button type="submit" class="button-primary" disabled={saving || files.busy || !files.ids.length}>
            {t('files.addToProposal')}
          </button>
        )}
      </form>
    </DropZone>
  );
}
