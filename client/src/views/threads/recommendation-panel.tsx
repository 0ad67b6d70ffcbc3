import { useEffect, useState } from 'preact/hooks';
import { closeRecommendation, getPositions, takePosition } from '../../api/threads';
import type { Outcome, PositionValue, PositionsDto, ThreadDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { onGroupEvent } from '../../live/feed';
import { formatDay, formatNumber, t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { SafeHtml } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';

const POSITIONS: PositionValue[] = ['endorse', 'endorse-with-reservations', 'object', 'abstain'];
const OUTCOMES: Outcome[] = ['adopted', 'adopted-with-changes', 'not-adopted'];

export const positionText = (p: PositionValue | 'divided') =>
  ({
    endorse: t('position.endorse'),
    'endorse-with-reservations': t('position.endorseWithReservations'),
    object: t('position.object'),
    abstain: t('position.abstain'),
    divided: t('position.divided'),
  })[p];

export const outcomeText = (o: Outcome) =>
  ({ adopted: t('outcome.adopted'), 'adopted-with-changes': t('outcome.adoptedWithChanges'), 'not-adopted': t('outcome.notAdopted') })[o];

/** The proposal, everyone's positions, the tally per organization, and the facilitator's outcome. */
export function RecommendationPanel({ thread, onChange }: { thread: ThreadDto; onChange: (t: ThreadDto) => void }) {
  const { group, canWrite, canManage } = useGroup();
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
      {thread.outcome ? (
        <div class={`outcome outcome-${thread.outcome}`} data-testid="outcome">
          <h3>{t('recommendation.outcome')}: {outcomeText(thread.outcome)}</h3>
          {thread.outcomeStatement && <p dir="auto">{thread.outcomeStatement}</p>}
          {thread.reviewDate && <p class="meta">{t('recommendation.reviewOn', { date: formatDay(thread.reviewDate) })}</p>}
          {canWrite && (
            <Link href={`/groups/${group.id}/actions?new=1&sourceType=recommendation&sourceId=${thread.id}`} class="button-quiet">
              {t('recommendation.createAction')}
            </Link>
          )}
        </div>
      ) : (
        <p class="tag">{t('recommendation.open')}</p>
      )}
      <ErrorNote error={error} />
      {positions && <Tally positions={positions} />}
      {open && canWrite && positions && <PositionForm threadId={thread.id} positions={positions} onSaved={setPositions} />}
      {open && canManage && <OutcomeForm threadId={thread.id} onClosed={onChange} />}
    </section>
  );
}

function Tally({ positions }: { positions: PositionsDto }) {
  return (
    <>
      <h3>{t('recommendation.byOrganization')}</h3>
      <table class="table" data-testid="tally">
        <thead>
          <tr>
            <th scope="col">{t('recommendation.organization')}</th>
            {POSITIONS.map((p) => (
              <th scope="col" key={p}>
                {positionText(p)}
              </th>
            ))}
            <th scope="col">{t('recommendation.stance')}</th>
          </tr>
        </thead>
        <tbody>
          {positions.byOrganization.map((row) => (
            <tr key={row.organization?.id ?? 'none'}>
              <th scope="row" dir="auto">
                {row.organization?.name ?? t('recommendation.noOrganization')}
              </th>
              {POSITIONS.map((p) => (
                <td key={p}>{formatNumber(row.counts[p])}</td>
              ))}
              <td class={row.position === 'divided' ? 'divided' : undefined}>{positionText(row.position)}</td>
            </tr>
          ))}
          <tr class="totals">
            <th scope="row">{t('recommendation.total')}</th>
            {POSITIONS.map((p) => (
              <td key={p}>{formatNumber(positions.totals[p])}</td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
      <h3>{t('recommendation.byPerson')}</h3>
      {positions.positions.length === 0 ? (
        <p class="muted">{t('recommendation.noPositions')}</p>
      ) : (
        <ul class="positions">
          {positions.positions.map((entry) => (
            <li key={entry.user.id}>
              <strong dir="auto">{entry.user.displayName}</strong>
              {entry.organization && (
                <span class="muted" dir="auto">
                  {' '}
                  · {entry.organization.name}
                </span>
              )}
              : <span class={`position position-${entry.position}`}>{positionText(entry.position)}</span>
              {entry.reason && (
                <p class="reason" dir="auto">
                  {entry.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PositionForm({ threadId, positions, onSaved }: { threadId: string; positions: PositionsDto; onSaved: (p: PositionsDto) => void }) {
  const mine = positions.positions.find((p) => p.user.id === currentUser.value?.id);
  const [position, setPosition] = useState<PositionValue | ''>(mine?.position ?? '');
  const [reason, setReason] = useState(mine?.reason ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  return (
    <form
      class="form position-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!position) return;
        setSaved(false);
        takePosition(threadId, position, reason.trim() || undefined).then((answer) => {
          onSaved(answer);
          setSaved(true);
        }, setError);
      }}
    >
      <fieldset>
        <legend>{mine ? t('recommendation.changePosition') : t('recommendation.takePosition')}</legend>
        {POSITIONS.map((p) => (
          <label key={p} class="choice">
            <input type="radio" name="position" value={p} checked={position === p} onChange={() => setPosition(p)} />{' '}
            {positionText(p)}
          </label>
        ))}
      </fieldset>
      <Field id="position-reason" label={t('recommendation.reason')}>
        <textarea {...described('position-reason')} rows={2} dir="auto" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ErrorNote error={error} />
      <button type="submit" class="button-primary" disabled={!position}>
        {t('recommendation.savePosition')}
      </button>
      {saved && (
        <span role="status" class="muted">
          {' '}
          {t('common.saved')}
        </span>
      )}
    </form>
  );
}

function OutcomeForm({ threadId, onClosed }: { threadId: string; onClosed: (t: ThreadDto) => void }) {
  const [outcome, setOutcome] = useState<Outcome>('adopted');
  const [statement, setStatement] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  return (
    <details class="outcome-form">
      <summary>{t('recommendation.close')}</summary>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          closeRecommendation(threadId, { outcome, statement: statement.trim(), reviewDate: reviewDate || undefined }).then(
            onClosed,
            setError,
          );
        }}
      >
        <Field id="outcome" label={t('recommendation.outcome')}>
          <select {...described('outcome')} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as Outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeText(o)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="statement" label={t('recommendation.statement')} error={errors.statement}>
          <textarea {...described('statement', errors.statement)} rows={3} dir="auto" required value={statement} onInput={(e) => setStatement(e.currentTarget.value)} />
        </Field>
        <Field id="review-date" label={t('recommendation.reviewDate')} error={errors.reviewDate}>
          <input {...described('review-date', errors.reviewDate)} type="date" value={reviewDate} onInput={(e) => setReviewDate(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={!statement.trim()}>
          {t('recommendation.closeButton')}
        </button>
      </form>
    </details>
  );
}
