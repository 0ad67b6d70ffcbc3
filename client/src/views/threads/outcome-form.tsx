import { useState } from 'preact/hooks';
import { closeRecommendation } from '../../api/threads';
import type { Outcome, ThreadDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { OUTCOMES, outcomeText } from './recommendation-text';

/** The facilitator closes a recommendation with its outcome, a statement and an optional review date. */
export function OutcomeForm({ threadId, onClosed }: { threadId: string; onClosed: (t: ThreadDto) => void }) {
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
          closeRecommendation(threadId, {
            outcome,
            statement: statement.trim(),
            reviewDate: reviewDate || undefined,
          }).then(onClosed, setError);
        }}
      >
        <Field id="outcome" label={t('recommendation.outcome')}>
          <select
            {...described('outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value as Outcome)}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeText(o)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="statement" label={t('recommendation.statement')} error={errors.statement}>
          <textarea
            {...described('statement', errors.statement)}
            rows={3}
            dir="auto"
            required
            value={statement}
            onInput={(e) => setStatement(e.currentTarget.value)}
          />
        </Field>
        <Field id="review-date" label={t('recommendation.reviewDate')} error={errors.reviewDate}>
          <input
            {...described('review-date', errors.reviewDate)}
            type="date"
            value={reviewDate}
            onInput={(e) => setReviewDate(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={!statement.trim()}>
          {t('recommendation.closeButton')}
        </button>
      </form>
    </details>
  );
}
