import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n';
import { fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';

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
