import { useEffect, useState } from 'preact/hooks';
import { listOrganizations, register } from '../../api/account';
import type { OrganizationDto } from '../../api/server-types';
import { locale, t } from '../../i18n/i18n';
import { location } from '../../router';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { AccountFields } from './account-fields';

export function Register() {
  // An invitation's page passes the invited address on: the account must have that one.
  const [form, setForm] = useState({
    email: location.value.query.get('email') ?? '',
    password: '',
    displayName: '',
    organizationId: '',
  });
  const [organizations, setOrganizations] = useState<OrganizationDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = fieldErrors(error);

  useEffect(() => {
    listOrganizations().then(setOrganizations, () => setOrganizations([]));
  }, []);

  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register({
        email: form.email.trim(),
        password: form.password,
        displayName: form.displayName.trim(),
        requestedOrganizationId: form.organizationId || undefined,
        locale: locale.value,
      });
      setSentTo(form.email.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    // The same whether or not the address had an account: the email says which.
    const next = location.value.query.get('next');
    return (
      <Page title={t('verify.checkTitle')}>
        <div class="card narrow">
          <p role="status">{t('verify.checkEmail', { email: sentTo })}</p>
          <p>
            <Link href={next?.startsWith('/invitations/') ? next : '/login'}>{t('auth.signIn')}</Link>
          </p>
          <p>
            <Link href="/verify-email">{t('verify.notArrived')}</Link>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('auth.register')}>
      <form class="card form narrow" onSubmit={submit} noValidate>
        <AccountFields form={form} errors={errors} set={set} />
        <Field
          id="organization"
          label={t('auth.requestOrganization')}
          error={errors.requestedOrganizationId}
          hint={t('auth.requestOrganizationHint')}
        >
          <select
            {...described('organization', errors.requestedOrganizationId, t('auth.requestOrganizationHint'))}
            value={form.organizationId}
            onChange={set('organizationId')}
          >
            <option value="">{t('auth.noOrganization')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={busy}>
          {t('auth.createAccount')}
        </button>
        <p>
          {t('auth.haveAccount')} <Link href="/login">{t('auth.signIn')}</Link>
        </p>
      </form>
    </Page>
  );
}
