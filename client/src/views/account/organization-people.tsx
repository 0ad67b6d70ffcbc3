import { useState } from 'preact/hooks';
import {
  approveRequest,
  declineRequest,
  endAffiliation,
  listOrganizationPeople,
  listOrganizations,
  setOrganizationAdmin,
} from '../../api/account';
import type { OrganizationPersonDto } from '../../api/server-types';
import { setAccountActive } from '../../api/security';
import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';

/**
 * `/organizations/:organizationId/people`, for the organization's admins and the workspace admin: who asks to speak
 * for it (approve or decline) and who does (end an affiliation; the workspace admin also appoints admins).
 */
export function OrganizationPeople({ organizationId }: { organizationId: string }) {
  const people = useLoad(async () => {
    const [organizations, requests, members] = await Promise.all([
      listOrganizations(),
      listOrganizationPeople(organizationId, 'requests'),
      listOrganizationPeople(organizationId, 'members'),
    ]);
    return { organization: organizations.find((o) => o.id === organizationId), requests, members };
  }, [organizationId]);
  const [error, setError] = useState<unknown>(null);
  const act = (change: Promise<unknown>) =>
    change.then(() => {
      setError(null);
      return people.reload();
    }, setError);
  const workspaceAdmin = currentUser.value?.isAdmin ?? false;
  const person = (p: OrganizationPersonDto) => (
    <>
      <span dir="auto">{p.displayName}</span> (<span dir="ltr">{p.email}</span>)
    </>
  );
  return (
    <Page
      title={
        people.data?.organization ? t('people.title', { name: people.data.organization.name }) : t('people.directory')
      }
    >
      <ErrorNote error={error ?? people.error} />
      {people.data && (
        <>
          <section class="card" aria-labelledby="people-requests">
            <h2 id="people-requests">{t('people.requests')}</h2>
            {people.data.requests.length === 0 && <p class="muted">{t('people.noRequests')}</p>}
            <ul data-testid="people-requests">
              {people.data.requests.map((p) => (
                <li key={p.id}>
                  {person(p)} {!p.emailVerified && <span class="tag">{t('people.unconfirmed')}</span>}{' '}
                  <button
                    type="button"
                    class="button-quiet"
                    disabled={!p.emailVerified}
                    onClick={() => void act(approveRequest(organizationId, p.id))}
                  >
                    {t('people.approve', { name: p.displayName })}
                  </button>{' '}
                  <button
                    type="button"
                    class="button-quiet"
                    onClick={() => void act(declineRequest(organizationId, p.id))}
                  >
                    {t('people.decline', { name: p.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="people-members">
            <h2 id="people-members">{t('people.members')}</h2>
            <ul data-testid="people-members">
              {people.data.members.map((p) => (
                <li key={p.id}>
                  {person(p)} {p.organizationAdmin && <span class="tag">{t('people.admin')}</span>}
                  {!p.active && <span class="tag">{t('people.deactivated')}</span>}{' '}
                  {workspaceAdmin && (
                    <button
                      type="button"
                      class="button-quiet"
                      onClick={() => void act(setOrganizationAdmin(organizationId, p.id, !p.organizationAdmin))}
                    >
                      {t(p.organizationAdmin ? 'people.dismissAdmin' : 'people.makeAdmin', { name: p.displayName })}
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    class="button-quiet"
                    onClick={() => void act(endAffiliation(organizationId, p.id))}
                  >
                    {t('people.remove', { name: p.displayName })}
                  </button>
                  {workspaceAdmin && p.id !== currentUser.value?.id && (
                    <>
                      {' '}
                      <button
                        type="button"
                        class={p.active ? 'button-danger' : 'button-quiet'}
                        onClick={() => void act(setAccountActive(p.id, !p.active))}
                      >
                        {t(p.active ? 'people.deactivate' : 'people.reactivate', { name: p.displayName })}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <p class="muted">{t('people.positionsStay')}</p>
          </section>
        </>
      )}
    </Page>
  );
}
