import { useState } from 'preact/hooks';
import { enableTwoFactor, disableTwoFactor, loadTwoFactor, newRecoveryCodes, setupTwoFactor } from '../../api/security';
import type { TwoFactorSetupDto } from '../../api/server-types';
import { enrolmentRequired } from '../../api/session';
import { t, tn } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { useLoad } from '../../ui/use-load';

type Step =
  { kind: 'idle' } | { kind: 'password'; next: 'setup' | 'disable' } | { kind: 'confirm'; setup: TwoFactorSetupDto };

/** Turning the authenticator on (secret + QR, confirmed with a code), the recovery codes shown once, turning it off. */
export function TwoFactorSettings() {
  const status = useLoad(loadTwoFactor, []);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (event: Event) => {
    event.preventDefault();
    if (step.kind !== 'password') return;
    void run(async () => {
      if (step.next === 'setup') {
        setStep({ kind: 'confirm', setup: await setupTwoFactor(password) });
      } else {
        await disableTwoFactor(password, code.replace(/\s/g, ''));
        setStep({ kind: 'idle' });
        setCodes(null);
        announce(t('twoFactor.disabled'));
        await status.reload();
      }
      setPassword('');
      setCode('');
    });
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const answer = await enableTwoFactor(code.replace(/\s/g, ''));
      setCodes(answer.recoveryCodes);
      setStep({ kind: 'idle' });
      setCode('');
      enrolmentRequired.value = false;
      announce(t('twoFactor.enabled'));
      await status.reload();
    });
  };

  const regenerate = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      setCodes((await newRecoveryCodes(code.replace(/\s/g, ''))).recoveryCodes);
      setCode('');
    });
  };

  const codeField = (
    <Field id="two-factor-code" label={t('twoFactor.code')} error={errors.code}>
      <input
        {...described('two-factor-code', errors.code)}
        type="text"
        dir="ltr"
        inputMode="numeric"
        autocomplete="one-time-code"
        required
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
    </Field>
  );

  const current = status.data;
  return (
    <section class="card" aria-labelledby="two-factor-title" data-testid="two-factor">
      <h2 id="two-factor-title">{t('twoFactor.title')}</h2>
      <p class="muted">{t('twoFactor.intro')}</p>
      {current?.required && !current.enabled && (
        <p class="error-note" role="alert">
          {t('error.twoFactorRequired')}
        </p>
      )}
      {!current && !status.error && <p role="status">{t('common.loading')}</p>}
      <ErrorNote error={status.error} />
      {current && (
        <p data-testid="two-factor-state">
          {current.enabled ? tn('twoFactor.on', current.recoveryCodesLeft) : t('twoFactor.off')}
        </p>
      )}

      {codes && (
        <div class="recovery-codes" data-testid="recovery-codes">
          <h3>{t('twoFactor.recoveryTitle')}</h3>
          <p>{t('twoFactor.recoveryOnce')}</p>
          <ul dir="ltr">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setCodes(null)}>
            {t('twoFactor.savedCodes')}
          </button>
        </div>
      )}

      {step.kind === 'idle' && current && !current.enabled && (
        <button
          type="button"
          class="button-primary"
          onClick={() => {
            setError(null);
            setStep({ kind: 'password', next: 'setup' });
          }}
        >
          {t('twoFactor.turnOn')}
        </button>
      )}

      {step.kind === 'password' && (
        <form class="form narrow" onSubmit={submitPassword} noValidate>
          <Field id="two-factor-password" label={t('twoFactor.currentPassword')} error={errors.password}>
            <input
              {...described('two-factor-password', errors.password)}
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </Field>
          {step.next === 'disable' && codeField}
          <ErrorNote error={Object.keys(errors).length ? null : error} />
          <div class="row">
            <button type="submit" class={step.next === 'disable' ? 'button-danger' : 'button-primary'} disabled={busy}>
              {step.next === 'disable' ? t('twoFactor.turnOff') : t('twoFactor.continue')}
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}

      {step.kind === 'confirm' && (
        <form class="form narrow" onSubmit={submitCode} noValidate data-testid="two-factor-confirm">
          <p>{t('twoFactor.scan')}</p>
          <img class="qr-code" src={step.setup.qrCode} alt={t('twoFactor.qrAlt')} width={200} height={200} />
          <p>
            {t('twoFactor.orType')}{' '}
            <code dir="ltr" data-testid="two-factor-secret">
              {step.setup.secret}
            </code>
          </p>
          {codeField}
          <ErrorNote error={Object.keys(errors).length ? null : error} />
          <div class="row">
            <button type="submit" class="button-primary" disabled={busy}>
              {t('twoFactor.confirm')}
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}

      {step.kind === 'idle' && current?.enabled && (
        <>
          <form class="form narrow" onSubmit={regenerate} noValidate>
            <p class="muted">{t('twoFactor.regenerateExplain')}</p>
            {codeField}
            <ErrorNote error={Object.keys(errors).length ? null : error} />
            <button type="submit" disabled={busy}>
              {t('twoFactor.regenerate')}
            </button>
          </form>
          <button
            type="button"
            class="button-danger"
            onClick={() => {
              setError(null);
              setCode('');
              setStep({ kind: 'password', next: 'disable' });
            }}
          >
            {t('twoFactor.turnOff')}
          </button>
        </>
      )}
    </section>
  );
}
