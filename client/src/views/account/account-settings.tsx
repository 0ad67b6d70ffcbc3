import { useState } from 'preact/hooks';
import { loadMe } from '../../api/account';
import { api } from '../../api/http';
import type { Locale, UserDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { applyLocale, t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { MailScheduleForm } from './mail-schedule-form';
import { SessionsList } from './sessions-list';
import { TwoFactorSettings } from './two-factor-settings';

const saveMe = (changes: Record<string, unknown>) => api<UserDto>('PATCH', '/me', changes);

/**
 * `/me/settings`: everything a person sets about their own account in one place: name and language, password, time
 * zone and working days (with when email may come), second factor, signed-in devices, and the way to what each
 * kind of notification does.
 */
export function AccountSettings() {
  const me = useLoad(async () => {
    const fresh = await loadMe();
    currentUser.value = fresh;
    return fresh;
  }, []);
  const saved = (fresh: UserDto) => {
    currentUser.value = fresh;
    me.set(fresh);
  };
  return (
    <Page title={t('settings.title')}>
      <ErrorNote error={me.error} />
      {me.data && <NameAndLanguage key={me.data.id} user={me.data} onSaved={saved} />}
      <PasswordForm />
      {me.data && <MailScheduleForm key={`schedule-${me.data.id}`} user={me.data} onSaved={saved} />}
      <p class="card">
        <Link href="/me/notifications">{t('settings.notificationsLink')}</Link>
      </p>
      <TwoFactorSettings />
      <SessionsList />
    </Page>
  );
}

function NameAndLanguage({ user, onSaved }: { user: UserDto; onSaved: (user: UserDto) => void }) {
  const [name, setName] = useState(user.displayName);
  const [language, setLanguage] = useState<Locale>(user.locale);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const fresh = await saveMe({ displayName: name.trim(), locale: language });
      onSaved(fresh);
      void applyLocale(fresh.locale);
      announce(t('common.saved'));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section class="card" aria-labelledby="name-title">
      <h2 id="name-title">{t('settings.nameTitle')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="settings-display-name" label={t('auth.displayName')} error={errors.displayName}>
          <input
            {...described('settings-display-name', errors.displayName)}
            required
            dir="auto"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field id="settings-language" label={t('settings.language')}>
          <select
            {...described('settings-language')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as Locale)}
          >
            <option value="en" lang="en">
              English
            </option>
            <option value="ar" lang="ar">
              العربية
            </option>
          </select>
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary">
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(error);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    try {
      const fresh = await saveMe({ currentPassword: current, newPassword: next });
      currentUser.value = fresh;
      setCurrent('');
      setNext('');
      setDone(true);
      announce(t('settings.passwordChanged'));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('settings.passwordTitle')}</h2>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="settings-current-password" label={t('settings.currentPassword')} error={errors.currentPassword}>
          <input
            {...described('settings-current-password', errors.currentPassword)}
            type="password"
            autocomplete="current-password"
            required
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="settings-new-password"
          label={t('settings.newPassword')}
          hint={t('settings.passwordHint')}
          error={errors.newPassword}
        >
          <input
            {...described('settings-new-password', errors.newPassword, t('settings.passwordHint'))}
            type="password"
            autocomplete="new-password"
            required
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        {done && <p role="status">{t('settings.passwordChanged')}</p>}
        <button type="submit" class="button-primary" disabled={!current || !next}>
          {t('settings.changePassword')}
        </button>
      </form>
    </section>
  );
}
