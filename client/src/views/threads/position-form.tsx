import { useState } from 'preact/hooks';
import { takePosition } from '../../api/threads';
import type { PositionValue, PositionsDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { POSITIONS, positionText } from './recommendation-text';

/** Takes or changes the signed-in member's position while the recommendation is open. */
export function PositionForm({
  threadId,
  positions,
  onSaved,
}: {
  threadId: string;
  positions: PositionsDto;
  onSaved: (p: PositionsDto) => void;
}) {
  const mine = positions.positions.find((p) => p.user.id === currentUser.value?.id);
  const [position, setPosition] = useState<PositionValue | ''>(mine?.position ?? '');
  const [reason, setReason] = useState(mine?.reason ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const save = (chosen: PositionValue) => {
    setSaved(false);
    takePosition(threadId, chosen, reason.trim() || undefined).then((answer) => {
      onSaved(answer);
      setSaved(true);
    }, setError);
  };

  return (
    <form
      class="form position-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (position) save(position);
      }}
    >
      <fieldset>
        <legend>{mine ? t('recommendation.changePosition') : t('recommendation.takePosition')}</legend>
        {POSITIONS.map((p) => (
          <label key={p} class="choice">
            <input
              type="radio"
              name="position"
              value={p}
              checked={position === p}
              onChange={() => setPosition(p)}
              onKeyDown={(event) => {
                // Enter on a choice takes that position (Enter would submit the form with the one checked before).
                if (event.key !== 'Enter') return;
                event.preventDefault();
                setPosition(p);
                save(p);
              }}
            />{' '}
            {positionText(p)}
          </label>
        ))}
      </fieldset>
      <Field id="position-reason" label={t('recommendation.reason')}>
        <textarea
          {...described('position-reason')}
          rows={2}
          dir="auto"
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
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
