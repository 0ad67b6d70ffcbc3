import { useEffect, useState } from 'preact/hooks';
import { listCheckIns, scheduleCheckIn, stopCheckIn } from '../../api/check-ins';
import type { ActionItemDto, CheckInDto } from '../../api/server-types';
import { formatDay, t, tn } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { useGroup } from '../groups/group-context';

/**
 * The item's recurring progress check-ins (its own, and its lead organization's), for facilitators: who is asked
 * how often and next when; schedule one every N days, stop one. Those responsible answer with a progress note.
 */
export function CheckIns({ item }: { item: ActionItemDto }) {
  const { group, canManage } = useGroup();
  const [checkIns, setCheckIns] = useState<CheckInDto[]>([]);
  const [everyDays, setEveryDays] = useState('14');
  const [firstDate, setFirstDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!canManage) return;
    listCheckIns(group.id).then(setCheckIns, setError);
  }, [group.id, canManage]);

  if (!canManage) return null;
  const leadId = item.leadOrganization?.id ?? null;
  const mine = checkIns.filter((c) => c.action?.id === item.id || (leadId && c.organization?.id === leadId));
  const days = Number(everyDays);
  const valid = Number.isInteger(days) && days >= 1 && days <= 365;

  return (
    <section class="card" aria-labelledby="action-check-ins">
      <h2 id="action-check-ins">{t('checkIns.title')}</h2>
      {mine.length === 0 ? (
        <p class="muted">{t('checkIns.none')}</p>
      ) : (
        <ul class="check-in-list" data-testid="check-ins">
          {mine.map((checkIn) => (
            <li key={checkIn.id}>
              <span>
                {checkIn.organization ? (
                  <bdi>{t('checkIns.ofOrganization', { name: checkIn.organization.name })}</bdi>
                ) : (
                  t('checkIns.ofAction')
                )}
                {' · '}
                {tn('checkIns.every', checkIn.everyDays)}
                {' · '}
                {t('checkIns.next', { date: formatDay(checkIn.nextDate) })}
              </span>{' '}
              <button
                type="button"
                class="button-quiet"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setBusy(true);
                  stopCheckIn(checkIn.id)
                    .then(() => setCheckIns((list) => list.filter((c) => c.id !== checkIn.id)), setError)
                    .finally(() => setBusy(false));
                }}
              >
                {t('checkIns.stop')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!valid || busy) return;
          setError(null);
          setBusy(true);
          scheduleCheckIn(group.id, { actionItemId: item.id, everyDays: days, ...(firstDate ? { firstDate } : {}) })
            .then((created) => setCheckIns((list) => [...list, created]), setError)
            .finally(() => setBusy(false));
        }}
      >
        <Field id="check-in-every" label={t('checkIns.everyLabel')}>
          <input
            {...described('check-in-every')}
            type="number"
            min={1}
            max={365}
            step={1}
            inputMode="numeric"
            value={everyDays}
            onInput={(e) => setEveryDays(e.currentTarget.value)}
          />
        </Field>
        <Field id="check-in-first" label={t('checkIns.firstDate')} hint={t('checkIns.firstDateHint')}>
          <input
            {...described('check-in-first', undefined, t('checkIns.firstDateHint'))}
            type="date"
            value={firstDate}
            onInput={(e) => setFirstDate(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" class="button-primary" disabled={!valid || busy}>
          {t('checkIns.schedule')}
        </button>
      </form>
    </section>
  );
}
