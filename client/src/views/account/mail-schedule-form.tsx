import { useMemo, useState } from 'preact/hooks';
import { saveMailSchedule } from '../../api/mail';
import type { DigestFrequency, MailScheduleDto, UserDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { intlLocale, t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { announce } from '../../ui/live-region';

const FREQUENCIES: DigestFrequency[] = ['daily', 'weekly', 'off'];
const ISO_DAYS = [1, 2, 3, 4, 5, 6, 7];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every zone this browser knows, with the saved one and the browser's own kept even when the list lacks them. */
function zones(saved: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return [...new Set([saved, browserZone(), ...known])].sort((a, b) => a.localeCompare(b));
}

/** Weekday names in the reader's language, by ISO number (1 Monday … 7 Sunday); 1 January 2024 was a Monday. */
function weekdayName(isoDay: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoDay)),
  );
}

function hourLabel(hour: number, language: string): string {
  if (hour === 24) return t('mailSettings.midnight');
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, hour)),
  );
}

/** The reader's email schedule: saved as one PATCH of /me; the server's field errors shown by each field. */
export function MailScheduleForm({ user, onSaved }: { user: UserDto; onSaved: (user: UserDto) => void }) {
  const [form, setForm] = useState<MailScheduleDto>(user.mailSchedule);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const language = intlLocale();
  const zoneList = useMemo(() => zones(user.mailSchedule.timeZone), [user.mailSchedule.timeZone]);
  const here = browserZone();
  const errors = fieldErrors(error);
  const set = <K extends keyof MailScheduleDto>(key: K, value: MailScheduleDto[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const toggleDay = (day: number, off: boolean) =>
    set(
      'weekendDays',
      off ? [...form.weekendDays, day].sort((a, b) => a - b) : form.weekendDays.filter((d) => d !== day),
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const fresh = await saveMailSchedule(form);
      currentUser.value = fresh;
      onSaved(fresh);
      announce(t('mailSettings.scheduleSaved'));
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const hourSelect = (key: 'workStartHour' | 'workEndHour' | 'digestHour', hours: number[]) => (
    <select
      {...described(key, errors[key])}
      value={String(form[key])}
      onChange={(e) => set(key, Number(e.currentTarget.value))}
    >
      {hours.map((h) => (
        <option key={h} value={String(h)}>
          {hourLabel(h, language)}
        </option>
      ))}
    </select>
  );

  return (
    <form class="card form" aria-labelledby="schedule-title" onSubmit={submit} noValidate>
      <h2 id="schedule-title">{t('mailSettings.scheduleTitle')}</h2>
      <p class="muted">{t('mailSettings.scheduleIntro')}</p>
      <Field id="timeZone" label={t('mailSettings.timeZone')} error={errors.timeZone}>
        <select
          {...described('timeZone', errors.timeZone)}
          dir="ltr"
          value={form.timeZone}
          onChange={(e) => set('timeZone', e.currentTarget.value)}
        >
          {zoneList.map((zone) => (
            <option key={zone} value={zone}>
              {zone === here ? t('mailSettings.browserZone', { zone }) : zone}
            </option>
          ))}
        </select>
      </Field>
      {form.timeZone !== here && (
        <p>
          <button type="button" class="button-quiet" onClick={() => set('timeZone', here)}>
            {t('mailSettings.useBrowserZone', { zone: here })}
          </button>
        </p>
      )}
      <fieldset aria-describedby={errors.weekendDays ? 'weekendDays-error' : undefined}>
        <legend>{t('mailSettings.weekend')}</legend>
        {ISO_DAYS.map((day) => (
          <label key={day} class="choice">
            <input
              type="checkbox"
              name="weekendDays"
              value={String(day)}
              checked={form.weekendDays.includes(day)}
              onChange={(e) => toggleDay(day, e.currentTarget.checked)}
            />{' '}
            {weekdayName(day, language)}
          </label>
        ))}
        {errors.weekendDays && (
          <p class="field-error" id="weekendDays-error">
            {errors.weekendDays}
          </p>
        )}
      </fieldset>
      <div class="form-row">
        <Field id="workStartHour" label={t('mailSettings.workStart')} error={errors.workStartHour}>
          {hourSelect('workStartHour', HOURS)}
        </Field>
        <Field id="workEndHour" label={t('mailSettings.workEnd')} error={errors.workEndHour}>
          {hourSelect('workEndHour', [...HOURS.slice(1), 24])}
        </Field>
      </div>
      <div class="form-row">
        <Field id="digest" label={t('mailSettings.digest')} error={errors.digest}>
          <select
            {...described('digest', errors.digest)}
            value={form.digest}
            onChange={(e) => set('digest', e.currentTarget.value as DigestFrequency)}
          >
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`digest.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="digestHour" label={t('mailSettings.digestHour')} error={errors.digestHour}>
          {hourSelect('digestHour', HOURS)}
        </Field>
      </div>
      {Object.keys(errors).length === 0 && <ErrorNote error={error} />}
      <p>
        <button type="submit" disabled={saving}>
          {t('mailSettings.saveSchedule')}
        </button>
      </p>
    </form>
  );
}
