import { useState } from 'preact/hooks';
import { confirmPasswordReset, requestPasswordReset } from '../../api/account';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { DoneCard, RequestLinkByEmail, useOnce } from './send-once';

/** Asks for a reset link; says the same whatever the address, as the server does. */
export function RequestPasswordReset() {
  return (
    <RequestLinkByEmail
      texts={{ title: 'reset.title', explain: 'reset.explain', send: 'reset.send', sent: 'reset.sent' }}
      send={requestPasswordReset}
    />
  );
}

/** The emailed link's screen: a new password, once; then sign in with it (every session was ended). */
export function ChooseNewPassword({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const { done, error, errors, busy, submit } = useOnce(() => confirmPasswordReset(token, password));

  return (
    <Page title={t('reset.chooseTitle')}>
      {done ? (
        <DoneCard text={t('reset.done')} />
      ) : (
        <form class="card form narrow" onSubmit={submit} noValidate>
          <Field
            id="newPassword"
            label={t('reset.newPassword')}
            error={errors.newPassword}
            hint={t('auth.passwordHint')}
          >
            <input
              {...described('newPassword', errors.newPassword, t('auth.passwordHint'))}
              type="password"
              autocomplete="new-password"
              minLength={10}
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </Field>
          {errors.token && (
            <p class="error-note" role="alert">
              {t('reset.badLink')} <Link href="/reset-password">{t('reset.again')}</Link>
            </p>
          )}
          <ErrorNote error={Object.keys(errors).length ? null : error} />
          <button type="submit" class="button-primary" disabled={busy}>
            {t('reset.save')}
          </button>
        </form>
      )}
    </Page>
  );
}
