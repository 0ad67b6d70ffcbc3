import { useState } from 'preact/hooks';
import { listOrganizationRequests, listOrganizations, setOrganization } from '../../api/account';
import { Link } from '../../ui/link';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { useLoad } from '../../ui/use-load';

/** For the workspace admin: who asked to speak for an organization, granted one click at a time. */
export function OrganizationRequests() {
  const requests = useLoad(listOrganizationRequests, []);
  const [error, setError] = useState<unknown>(null);
  const grant = (userId: string, organizationId: string) =>
    setOrganization(userId, organizationId).then(
      () => requests.set((list) => list?.filter((u) => u.id !== userId)),
      setError,
    );
  return (
    <section class="card" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('profile.requestsTitle')}</h2>
      <ErrorNote error={error ?? requests.error} />
      {requests.data && requests.data.length === 0 && <p class="muted">{t('profile.requestsNone')}</p>}
      {requests.data && requests.data.length > 0 && (
        <ul data-testid="organization-requests">
          {requests.data.map((u) => (
            <li key={u.id}>
              <span dir="auto">{u.displayName}</span> (<span dir="ltr">{u.email}</span>):{' '}
              <span dir="auto">{u.requestedOrganization?.name}</span>{' '}
              <button type="button" class="button-quiet" onClick={() => void grant(u.id, u.requestedOrganization!.id)}>
                {t('profile.grant', { name: u.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** For the workspace admin: every organization, each with the page of its people. */
export function OrganizationDirectory() {
  const organizations = useLoad(listOrganizations, []);
  return (
    <section class="card" aria-labelledby="directory-title">
      <h2 id="directory-title">{t('people.directory')}</h2>
      <ErrorNote error={organizations.error} />
      <ul>
        {organizations.data?.map((o) => (
          <li key={o.id}>
            <Link href={`/organizations/${o.id}/people`}>{t('people.link', { name: o.name })}</Link>
            {o.emailDomains.length > 0 && <span dir="ltr"> ({o.emailDomains.join(', ')})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
