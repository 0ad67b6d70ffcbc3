import { useState } from 'preact/hooks';
import { login, setupWorkspace } from '../../api/account';
import { session } from '../../api/session';
import { applyLocale, locale, t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { ErrorNote, fieldErrors } from '../../ui/form';
import { Page } from '../../ui/page';
import { AccountFields } from './account-fields';

/** The console's one-time link: creates the first workspace admin, then signs them in. */
export function Setup({ token }: { token: string }) {
  const [form, setForm] = useState({ email: '', password: '', displayName: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const email = form.email.trim();
      await setupWorkspace({
        token,
        email,
        password: form.password,
        displayName: form.displayName.trim(),
        locale: locale.value,
      });
      const answer = await login(email, form.password);
      // A brand-new admin has no second factor; should one ever be asked for, the sign-in screen asks for it.
      if ('twoFactorRequired' in answer) return navigate('/login', { replace: true });
      void applyLocale(answer.user.locale);
      session.start(answer);
      navigate('/', { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('setup.title')}>
      <form class="card form narrow" onSubmit={submit} noValidate>
        <p>{t('setup.explain')}</p>
        <AccountFields form={form} errors={errors} set={set} />
        {errors.token && (
          <p class="error-note" role="alert">
            {t('setup.badLink')}
          </p>
        )}
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={busy}>
          {t('setup.create')}
        </button>
      </form>
    </Page>
  );
}
