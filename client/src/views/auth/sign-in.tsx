import { useEffect, useState } from 'preact/hooks';
import { login } from '../../api/account';
import { ApiError } from '../../api/http';
import { session } from '../../api/session';
import { applyLocale, t } from '../../i18n/i18n';
import { location, navigate } from '../../router';
import { described, ErrorNote, Field } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import type { AuthResponseDto } from '../../api/server-types';
import { TwoFactorStep } from './two-factor-step';
import { SsoButtons, SsoRefusal } from './sso-sign-in';

/** Signs in and stays on the address that was asked for (a link to a thread opens that thread). */
export function SignIn({ heading, email: expected }: { heading?: string; email?: string }) {
  const [email, setEmail] = useState(expected ?? '');
  // The invited address arrives after the form is shown: fill it in unless something was typed already.
  useEffect(() => {
    if (expected) setEmail((typed) => typed || expected);
  }, [expected]);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Set when the password was right and the account asks for a second factor. */
  const [challenge, setChallenge] = useState<string | null>(null);

  const signedIn = (answer: AuthResponseDto) => {
    void applyLocale(answer.user.locale);
    session.start(answer);
    if (location.value.path === '/login') navigate('/', { replace: true });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await login(email.trim(), password);
      if ('twoFactorRequired' in answer) {
        setPassword('');
        setChallenge(answer.challenge);
      } else signedIn(answer);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? new Error(t('auth.wrongCredentials')) : failure);
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return <TwoFactorStep challenge={challenge} onSignedIn={signedIn} onRestart={() => setChallenge(null)} />;
  }

  return (
    <Page title={heading ?? t('auth.signIn')}>
      <form class="card form narrow" onSubmit={submit} noValidate>
        <SsoRefusal />
        <Field id="email" label={t('auth.email')}>
          <input
            {...described('email')}
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field id="password" label={t('auth.password')}>
          <input
            {...described('password')}
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={error} />
        {error instanceof Error && error.message === t('auth.wrongCredentials') && (
          <p>
            <Link href="/verify-email">{t('verify.notArrived')}</Link>
          </p>
        )}
        <button type="submit" class="button-primary" disabled={busy}>
          {t('auth.signIn')}
        </button>
        <p>
          <Link href="/reset-password">{t('auth.forgotPassword')}</Link>
        </p>
        <SsoButtons />
        <p>
          {t('auth.noAccount')}{' '}
          <Link
            href={
              location.value.path.startsWith('/invitations/')
                ? `/register?next=${encodeURIComponent(location.value.path)}${expected ? `&email=${encodeURIComponent(expected)}` : ''}`
                : '/register'
            }
          >
            {t('auth.register')}
          </Link>
        </p>
      </form>
    </Page>
  );
}
