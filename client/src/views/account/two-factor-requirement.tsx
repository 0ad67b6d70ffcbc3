import { useState } from 'preact/hooks';
import { loadTwoFactorRequirement, saveTwoFactorRequirement } from '../../api/security';
import type { TwoFactorAudience } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { useLoad } from '../../ui/use-load';

const AUDIENCES: TwoFactorAudience[] = ['admins', 'facilitators'];

/** The workspace admin's: who must use a second factor before doing anything else. */
export function TwoFactorRequirement() {
  const requirement = useLoad(loadTwoFactorRequirement, []);
  const [error, setError] = useState<unknown>(null);

  const toggle = (audience: TwoFactorAudience, on: boolean) => {
    const current = requirement.data?.requireFor ?? [];
    const next = on ? [...current, audience] : current.filter((a) => a !== audience);
    setError(null);
    saveTwoFactorRequirement(next).then((saved) => {
      requirement.set(saved);
      announce(t('common.saved'));
    }, setError);
  };

  return (
    <section class="card" aria-labelledby="two-factor-requirement-title" data-testid="two-factor-requirement">
      <h2 id="two-factor-requirement-title">{t('twoFactor.requirementTitle')}</h2>
      <p class="muted">{t('twoFactor.requirementIntro')}</p>
      <ErrorNote error={error ?? requirement.error} />
      {requirement.data && (
        <fieldset>
          <legend class="visually-hidden">{t('twoFactor.requirementTitle')}</legend>
          {AUDIENCES.map((audience) => (
            <label key={audience} class="checkbox">
              <input
                type="checkbox"
                checked={requirement.data!.requireFor.includes(audience)}
                onChange={(e) => toggle(audience, e.currentTarget.checked)}
              />{' '}
              {audience === 'admins' ? t('twoFactor.requireAdmins') : t('twoFactor.requireFacilitators')}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
