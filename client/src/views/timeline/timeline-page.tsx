import { useEffect } from 'preact/hooks';
import { threadTimeline } from '../../api/accountability';
import type { Outcome, PositionValue, TimelineEntryDto, TimelineKind } from '../../api/server-types';
import { onSettledChanges } from '../../live/settled';
import { formatDay, t, tn } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { percentText } from '../actions/progress-bars';
import { Time } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { outcomeText, positionText } from '../threads/recommendation-text';

/** What an entry's `data` holds, by kind (the server's TimelineEntryDto documents it; it is typed loosely there). */
interface EntryData {
  position?: PositionValue;
  outcome?: Outcome;
  reviewDate?: string | null;
  percent?: number;
  evidenceCount?: number;
  reason?: string;
  title?: string;
  reviewThreadId?: string;
}

export const timelineKindText = (kind: TimelineKind) =>
  ({
    proposed: t('timeline.proposed'),
    position: t('timeline.position'),
    outcome: t('timeline.outcome'),
    'action-created': t('timeline.actionCreated'),
    'milestone-added': t('timeline.milestoneAdded'),
    'milestone-done': t('timeline.milestoneDone'),
    claim: t('timeline.claim'),
    'claim-verified': t('timeline.claimVerified'),
    'claim-returned': t('timeline.claimReturned'),
    review: t('timeline.review'),
  })[kind];

/**
 * A recommendation's life in order: proposed, positions, the outcome, the actions it gave, their milestones,
 * claims and their verification, and its review. Kept live with the group's changes.
 */
export function TimelinePage({ groupId, threadId }: { groupId: string; threadId: string }) {
  const timeline = useLoad(() => threadTimeline(threadId), [threadId]);
  useEffect(
    () =>
      onSettledChanges(
        groupId,
        (event) => /^(action|position|thread)\./.test(event.type),
        () => void timeline.reload(),
      ),
    [groupId, threadId],
  );
  const data = timeline.data;
  const title = data ? t('timeline.titleOf', { title: data.recommendation.title }) : t('timeline.title');

  return (
    <Page
      title={title}
      heading={data ? <bdi>{title}</bdi> : undefined}
      actions={
        <Link href={`/groups/${groupId}/threads/${threadId}`} class="button-quiet">
          <Icon name="back" /> {t('timeline.back')}
        </Link>
      }
    >
      <ErrorNote error={timeline.error} />
      {!data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          {(data.recommendation.outcome || data.recommendation.reviewDate) && (
            <p class="meta">
              {data.recommendation.outcome &&
                `${t('recommendation.outcome')}: ${outcomeText(data.recommendation.outcome)}`}
              {data.recommendation.outcome && data.recommendation.reviewDate && ' · '}
              {data.recommendation.reviewDate &&
                t('recommendation.reviewOn', { date: formatDay(data.recommendation.reviewDate) })}
            </p>
          )}
          {data.entries.length === 0 ? (
            <p class="muted">{t('timeline.empty')}</p>
          ) : (
            <ol class="timeline" data-testid="timeline">
              {data.entries.map((entry, i) => (
                <Entry key={`${entry.at}-${entry.kind}-${i}`} entry={entry} groupId={groupId} />
              ))}
            </ol>
          )}
        </>
      )}
    </Page>
  );
}

function Entry({ entry, groupId }: { entry: TimelineEntryDto; groupId: string }) {
  const data = entry.data as EntryData;
  return (
    <li class={`timeline-entry timeline-${entry.kind}`} data-kind={entry.kind} data-testid="timeline-entry">
      <p class="timeline-head">
        <strong class="timeline-kind">{timelineKindText(entry.kind)}</strong>{' '}
        <span class="meta">
          <Time iso={entry.at} />
        </span>
      </p>
      {(entry.actor || entry.organization) && (
        <p class="meta">
          {entry.actor && <bdi>{entry.actor.displayName}</bdi>}
          {entry.actor && entry.organization && ' · '}
          {entry.organization && <bdi>{entry.organization.name}</bdi>}
        </p>
      )}
      {entry.action && (
        <p>
          {t('timeline.action')}:{' '}
          <Link href={`/groups/${groupId}/actions/${entry.action.id}`} dir="auto">
            {entry.action.title}
          </Link>
        </p>
      )}
      <Details entry={entry} data={data} groupId={groupId} />
    </li>
  );
}

function Details({ entry, data, groupId }: { entry: TimelineEntryDto; data: EntryData; groupId: string }) {
  switch (entry.kind) {
    case 'position':
      return data.position ? <p data-testid="timeline-detail">{positionText(data.position)}</p> : null;
    case 'outcome':
      return (
        <p data-testid="timeline-detail">
          {data.outcome && outcomeText(data.outcome)}
          {data.reviewDate && <> · {t('recommendation.reviewOn', { date: formatDay(data.reviewDate) })}</>}
        </p>
      );
    case 'milestone-added':
    case 'milestone-done':
      return data.title ? (
        <p data-testid="timeline-detail">
          <bdi>{data.title}</bdi>
        </p>
      ) : null;
    case 'claim':
      return (
        <p data-testid="timeline-detail">
          {t('timeline.percent', { percent: percentText(data.percent ?? null) })}
          {data.evidenceCount !== undefined && <> · {tn('timeline.evidence', data.evidenceCount)}</>}
        </p>
      );
    case 'claim-verified':
      return (
        <p data-testid="timeline-detail">{t('timeline.percent', { percent: percentText(data.percent ?? null) })}</p>
      );
    case 'claim-returned':
      return (
        <p data-testid="timeline-detail">
          {t('timeline.percent', { percent: percentText(data.percent ?? null) })}
          {data.reason && (
            <>
              {' · '}
              {t('claim.reason')}: <bdi>{data.reason}</bdi>
            </>
          )}
        </p>
      );
    case 'review':
      return (
        <p data-testid="timeline-detail">
          {data.reviewDate && t('recommendation.reviewOn', { date: formatDay(data.reviewDate) })}{' '}
          {data.reviewThreadId && (
            <Link href={`/groups/${groupId}/threads/${data.reviewThreadId}`}>{t('timeline.reviewThread')}</Link>
          )}
        </p>
      );
    default:
      return null;
  }
}
