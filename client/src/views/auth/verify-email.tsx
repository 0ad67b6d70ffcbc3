import { useEffect, useState } from 'preact/hooks';
import { confirmEmail, loadMe, requestConfirmationLink } from '../../api/account';
import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { ErrorNote, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { DoneCard, RequestLinkByEmail } from './send-once';

/** Asks for a new confirmation link; says the same whatever the address, as the server does. */
export function RequestConfirmationLink() {
  return (
    <RequestLinkByEmail
      texts={{ title: 'verify.title', explain: 'verify.explain', send: 'verify.send', sent: 'verify.sent' }}
      send={requestConfirmationLink}
    />
  );
}

/**
 * The emailed link's screen: confirms on arrival (a script runs it, so a mail scanner that only fetches the page
 * confirms nothing), then offers to sign in, or refreshes the signed-in account.
 */
export function ConfirmEmail({ token }: { token: string }) {
  const [state, setState] = useState<'confirming' | 'done' | unknown>('confirming');
  useEffect(() => {
    confirmEmail(token).then(
      async () => {
        if (currentUser.value) currentUser.value = await loadMe();
        setState('done');
      },
      (failure: unknown) => setState(failure),
    );
  }, [token]);
  const badLink = state !== 'confirming' && state !== 'done' && Boolean(fieldErrors(state).token);
  return (
    <Page title={t('verify.confirmTitle')}>
      {state === 'confirming' && (
        <p class="card narrow" role="status">
          {t('verify.confirming')}
        </p>
      )}
      {state === 'done' &&
        (currentUser.value ? (
          <p class="card narrow" role="status">
            {t('verify.doneSignedIn')} <Link href="/">{t('nav.groups')}</Link>
          </p>
        ) : (
          <DoneCard text={t('verify.done')} />
        ))}
      {badLink && (
        <p class="card narrow error-note" role="alert">
          {t('verify.badLink')} <Link href="/verify-email">{t('verify.again')}</Link>
        </p>
      )}
      {state !== 'confirming' && state !== 'done' && !badLink && (
        <div class="card narrow">
          <ErrorNote error={state} />
        </div>
      )}
    </Page>
  );
}

/** Shown to a signed-in account whose address is unproven (made before addresses were confirmed). */
export function UnconfirmedBanner() {
  const user = currentUser.value;
  const [sent, setSent] = useState(false);
  if (!user || user.emailVerified) return null;
  return (
    <div class="notice-bar" role="status" data-testid="unconfirmed-banner">
      <span>{t('verify.banner')}</span>{' '}
      {sent ? (
        <span>{t('verify.sent')}</span>
      ) : (
        <button
          type="button"
          class="button-quiet"
          onClick={() => void requestConfirmationLink(user.email).then(() => setSent(true))}
        >
          {t('verify.bannerAction')}
        </button>
      )}
    </div>
  );
}
