import { useEffect, useState } from 'preact/hooks';
import { listOrganizations } from '../../api/account';
import { ApiError } from '../../api/http';
import type { IdentityProviderDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { removeIdentityProvider, saveIdentityProvider, loadIdentityProvider } from '../../api/sso';
import { t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';

/** `/admin/sso`, the workspace admin's: each organization's OpenID Provider, one organization at a time. */
export function IdentityProviders() {
  const organizations = useLoad(listOrganizations, []);
  const [organizationId, setOrganizationId] = useState('');
  if (!currentUser.value?.isAdmin) {
    return (
      <Page title={t('sso.adminTitle')}>
        <p class="error-note">{t('error.forbidden')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('sso.adminTitle')}>
      <p class="muted">{t('sso.adminIntro')}</p>
      <ErrorNote error={organizations.error} />
      <div class="card form narrow">
        <Field id="sso-organization" label={t('auth.organization')}>
          <select
            id="sso-organization"
            value={organizationId}
            onChange={(e) => setOrganizationId(e.currentTarget.value)}
          >
            <option value="">{t('sso.chooseOrganization')}</option>
            {organizations.data?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {organizationId && <ProviderForm key={organizationId} organizationId={organizationId} />}
    </Page>
  );
}

interface Form {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string;
  enabled: boolean;
}

const EMPTY: Form = { issuer: '', clientId: '', clientSecret: '', allowedDomains: '', enabled: true };

function formOf(provider: IdentityProviderDto): Form {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: '',
    allowedDomains: provider.allowedDomains.join(', '),
    enabled: provider.enabled,
  };
}

/** The secret is write-only: the form shows whether one is stored, and an empty field keeps it. */
function ProviderForm({ organizationId }: { organizationId: string }) {
  const [stored, setStored] = useState<IdentityProviderDto | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'saved'>('loading');

  useEffect(() => {
    loadIdentityProvider(organizationId).then(
      (provider) => {
        setStored(provider);
        setForm(formOf(provider));
        setStatus('ready');
      },
      (failure: unknown) => {
        if (!(failure instanceof ApiError && failure.status === 404)) setError(failure);
        setStatus('ready');
      },
    );
  }, [organizationId]);

  const set = (changes: Partial<Form>) => setForm((current) => ({ ...current, ...changes }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const provider = await saveIdentityProvider(organizationId, {
        issuer: form.issuer.trim(),
        clientId: form.clientId.trim(),
        allowedDomains: form.allowedDomains.split(/[\s,]+/).filter(Boolean),
        enabled: form.enabled,
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      });
      setStored(provider);
      setForm(formOf(provider));
      setStatus('saved');
    } catch (failure) {
      setError(failure);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await removeIdentityProvider(organizationId);
      setStored(null);
      setForm(EMPTY);
    } catch (failure) {
      setError(failure);
    }
  };

  if (status === 'loading') return <p role="status">{t('common.loading')}</p>;
  const errors = fieldErrors(error);
  return (
    <form class="card form narrow" onSubmit={submit} noValidate data-testid="identity-provider-form">
      {stored ? <p>{t('sso.redirectUri', { uri: stored.redirectUri })}</p> : <p class="muted">{t('sso.none')}</p>}
      <Field id="sso-issuer" label={t('sso.issuer')} error={errors.issuer}>
        <input
          {...described('sso-issuer', errors.issuer)}
          type="url"
          dir="ltr"
          required
          value={form.issuer}
          onInput={(e) => set({ issuer: e.currentTarget.value })}
        />
      </Field>
      <Field id="sso-client-id" label={t('sso.clientId')} error={errors.clientId}>
        <input
          {...described('sso-client-id', errors.clientId)}
          dir="ltr"
          required
          value={form.clientId}
          onInput={(e) => set({ clientId: e.currentTarget.value })}
        />
      </Field>
      <Field
        id="sso-client-secret"
        label={t('sso.clientSecret')}
        error={errors.clientSecret}
        hint={stored?.hasSecret ? t('sso.secretKept') : undefined}
      >
        <input
          {...described('sso-client-secret', errors.clientSecret, stored?.hasSecret ? 'hint' : undefined)}
          type="password"
          autocomplete="off"
          dir="ltr"
          value={form.clientSecret}
          onInput={(e) => set({ clientSecret: e.currentTarget.value })}
        />
      </Field>
      <Field
        id="sso-domains"
        label={t('sso.allowedDomains')}
        error={errors.allowedDomains}
        hint={t('sso.allowedDomainsHint')}
      >
        <input
          {...described('sso-domains', errors.allowedDomains, 'hint')}
          dir="ltr"
          required
          value={form.allowedDomains}
          onInput={(e) => set({ allowedDomains: e.currentTarget.value })}
        />
      </Field>
      <label class="choice">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />{' '}
        {t('sso.enabled')}
      </label>
      <ErrorNote error={Object.keys(errors).length > 0 ? null : error} />
      {status === 'saved' && <p role="status">{t('common.saved')}</p>}
      <div class="row">
        <button type="submit" class="button-primary">
          {t('common.save')}
        </button>
        {stored && (
          <button type="button" class="button-quiet" onClick={() => void remove()}>
            {t('sso.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
