import { useState } from 'preact/hooks';
import {
  createOrganization,
  listOrganizations,
  setOrganizationDomains,
  updateOrganization,
  type OrganizationFields,
} from '../../api/account';
import type { OrganizationDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { Link } from '../../ui/link';
import { useLoad } from '../../ui/use-load';

const KINDS: OrganizationDto['kind'][] = [
  'government',
  'ngo',
  'civil-society',
  'un-agency',
  'international-org',
  'academic',
  'other',
];
const KIND_TEXTS: Record<OrganizationDto['kind'], MessageKey> = {
  government: 'orgKind.government',
  ngo: 'orgKind.ngo',
  'civil-society': 'orgKind.civilSociety',
  'un-agency': 'orgKind.unAgency',
  'international-org': 'orgKind.internationalOrg',
  academic: 'orgKind.academic',
  other: 'orgKind.other',
};
export const kindText = (kind: OrganizationDto['kind']) => t(KIND_TEXTS[kind]);

/** The workspace admin's directory: every organization with its domains and people, a form to add one. */
export function OrganizationsAdmin() {
  const organizations = useLoad(listOrganizations, []);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section class="card" aria-labelledby="organizations-title" data-testid="organizations-admin">
      <h2 id="organizations-title">{t('admin.organizations')}</h2>
      <ErrorNote error={organizations.error} />
      {organizations.data && organizations.data.length === 0 && <p class="muted">{t('admin.noOrganizations')}</p>}
      <ul class="admin-list">
        {organizations.data?.map((o) =>
          editing === o.id ? (
            <li key={o.id}>
              <OrganizationForm
                organization={o}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) organizations.set((list) => list?.map((x) => (x.id === saved.id ? saved : x)));
                }}
              />
            </li>
          ) : (
            <li key={o.id} data-testid="organization-row">
              <strong dir="auto">{o.name}</strong> · {kindText(o.kind)}
              {o.country && <> · {o.country}</>}
              <span class="muted block">
                {o.emailDomains.length > 0 ? (
                  <>
                    {t('admin.domains')}: <span dir="ltr">{o.emailDomains.join(', ')}</span>
                  </>
                ) : (
                  t('admin.noDomains')
                )}
              </span>
              <span class="button-row">
                <button
                  type="button"
                  class="button-link"
                  aria-label={t('admin.editOrganization', { name: o.name })}
                  onClick={() => setEditing(o.id)}
                >
                  {t('admin.edit')}
                </button>{' '}
                <Link href={`/organizations/${o.id}/people`}>{t('people.link', { name: o.name })}</Link>
              </span>
            </li>
          ),
        )}
      </ul>
      <details class="card-inner">
        <summary>{t('admin.addOrganization')}</summary>
        <OrganizationForm
          onDone={(saved) => saved && organizations.set((list) => [...(list ?? []), saved].sort(byName))}
        />
      </details>
    </section>
  );
}

const byName = (a: OrganizationDto, b: OrganizationDto) => a.name.localeCompare(b.name);

/** Adds an organization, or edits one (name, kind, country and its verified email domains). */
function OrganizationForm({
  organization,
  onDone,
}: {
  organization?: OrganizationDto;
  onDone: (saved: OrganizationDto | null) => void;
}) {
  const prefix = organization ? `org-${organization.id}` : 'org-new';
  const [name, setName] = useState(organization?.name ?? '');
  const [kind, setKind] = useState<OrganizationDto['kind']>(organization?.kind ?? 'government');
  const [country, setCountry] = useState(organization?.country ?? '');
  const [domains, setDomains] = useState(organization?.emailDomains.join(', ') ?? '');
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const fields: OrganizationFields = {
      name: name.trim(),
      kind,
      ...(country.trim() ? { country: country.trim() } : {}),
    };
    try {
      let saved = organization ? await updateOrganization(organization.id, fields) : await createOrganization(fields);
      const list = domains
        .split(/[\s,]+/)
        .map((d) => d.trim())
        .filter(Boolean);
      if (organization || list.length > 0) saved = await setOrganizationDomains(saved.id, list);
      announce(t('common.saved'));
      if (!organization) {
        setName('');
        setCountry('');
        setDomains('');
      }
      onDone(saved);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="organization-form">
      <Field id={`${prefix}-name`} label={t('admin.organizationName')} error={errors.name}>
        <input
          {...described(`${prefix}-name`, errors.name)}
          required
          value={name}
          dir="auto"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${prefix}-kind`} label={t('admin.organizationKind')}>
        <select
          {...described(`${prefix}-kind`)}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as OrganizationDto['kind'])}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {kindText(k)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${prefix}-country`}
        label={t('admin.organizationCountry')}
        hint={t('admin.countryHint')}
        error={errors.country}
      >
        <input
          {...described(`${prefix}-country`, errors.country, t('admin.countryHint'))}
          value={country}
          dir="ltr"
          maxLength={2}
          onInput={(e) => setCountry(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${prefix}-domains`} label={t('admin.domains')} hint={t('admin.domainsHint')} error={errors.domains}>
        <input
          {...described(`${prefix}-domains`, errors.domains, t('admin.domainsHint'))}
          value={domains}
          dir="ltr"
          onInput={(e) => setDomains(e.currentTarget.value)}
        />
      </Field>
      <ErrorNote error={Object.keys(errors).length ? null : error} />
      <p class="button-row">
        <button type="submit" class="button-primary">
          {organization ? t('common.save') : t('admin.addOrganization')}
        </button>{' '}
        {organization && (
          <button type="button" class="button-link" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </button>
        )}
      </p>
    </form>
  );
}
