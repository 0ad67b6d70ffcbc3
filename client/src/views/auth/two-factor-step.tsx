import { useState } from 'preact/hooks';
import { loginTwoFactor } from '../../api/account';
import type { AuthResponseDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field } from '../../ui/form';
import { Page } from '../../ui/page';

/** The second sign-in step: the six digits from the authenticator app, or one of the recovery codes. */
export function TwoFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  onSignedIn: (answer: AuthResponseDto) => void;
  onRestart: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const proof = useRecovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s/g, '') };
      onSignedIn(await loginTwoFactor(challenge, proof));
    } catch (failure) {
      setError(failure);
      setValue('');
    } finally {
      setBusy(false);
    }
  };

  const id = useRecovery ? 'recovery-code' : 'code';
  return (
    <Page title={t('twoFactor.signInTitle')}>
      <form class="card form narrow" onSubmit={submit} noValidate data-testid="two-factor-step">
        <p>{useRecovery ? t('twoFactor.recoveryExplain') : t('twoFactor.codeExplain')}</p>
        <Field id={id} label={useRecovery ? t('twoFactor.recoveryCode') : t('twoFactor.code')}>
          <input
            {...described(id)}
            key={id}
            type="text"
            dir="ltr"
            inputMode={useRecovery ? 'text' : 'numeric'}
            autocomplete="one-time-code"
            autoFocus
            required
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </Field>
        <ErrorNote error={error} />
        <button type="submit" class="button-primary" disabled={busy || value.trim() === ''}>
          {t('twoFactor.verify')}
        </button>
        <p>
          <button
            type="button"
            class="button-link"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setValue('');
              setError(null);
            }}
          >
            {useRecovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
          </button>
        </p>
        <p>
          <button type="button" class="button-link" onClick={onRestart}>
            {t('twoFactor.restart')}
          </button>
        </p>
      </form>
    </Page>
  );
}
