import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';

/** A form sent once: busy while it goes, its error (and field errors) if it fails, done when it succeeds. */
export function useOnce(send: () => Promise<unknown>) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send();
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { done, error, errors: fieldErrors(error), busy, submit };
}

/** What a finished step says, with the way back to signing in. */
export function DoneCard({ text }: { text: string }) {
  return (
    <div class="card narrow">
      <p role="status">{text}</p>
      <p>
        <Link href="/login">{t('auth.signIn')}</Link>
      </p>
    </div>
  );
}

/**
 * A screen that asks for an address and emails it a link (a password reset, a confirmation): said the same whatever
 * the address, as the server answers.
 */
export function RequestLinkByEmail({
  texts,
  send,
}: {
  texts: { title: MessageKey; explain: MessageKey; send: MessageKey; sent: MessageKey };
  send: (email: string) => Promise<unknown>;
}) {
  const [email, setEmail] = useState('');
  const { done: sent, error, errors, busy, submit } = useOnce(() => send(email.trim()));
  return (
    <Page title={t(texts.title)}>
      {sent ? (
        <DoneCard text={t(texts.sent)} />
      ) : (
        <form class="card form narrow" onSubmit={submit} noValidate>
          <p>{t(texts.explain)}</p>
          <Field id="email" label={t('auth.email')} error={errors.email}>
            <input
              {...described('email', errors.email)}
              type="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </Field>
          <ErrorNote error={Object.keys(errors).length ? null : error} />
          <button type="submit" class="button-primary" disabled={busy}>
            {t(texts.send)}
          </button>
        </form>
      )}
    </Page>
  );
}
