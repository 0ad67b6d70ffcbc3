import { loadMe } from '../../api/account';
import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { OrganizationDirectory, OrganizationRequests } from './organization-requests';

/**
 * `/me`: who the account is. The organization is shown, never offered for change: only the workspace admin
 * assigns it, and one asked for at registration is shown as waiting for the admin. The admin also finds here the
 * requests waiting for them.
 */
export function Profile() {
  const me = useLoad(async () => {
    const fresh = await loadMe();
    currentUser.value = fresh;
    return fresh;
  }, []);
  const user = me.data ?? currentUser.value;
  return (
    <Page title={t('profile.title')}>
      <ErrorNote error={me.error} />
      {user && (
        <dl class="card narrow profile" data-testid="profile">
          <dt>{t('auth.displayName')}</dt>
          <dd dir="auto">{user.displayName}</dd>
          <dt>{t('auth.email')}</dt>
          <dd dir="ltr">{user.email}</dd>
          <dt>{t('auth.organization')}</dt>
          <dd dir="auto" data-testid="organization">
            {user.organization?.name ?? t('profile.noOrganization')}
          </dd>
          {user.requestedOrganization && (
            <>
              <dt>{t('profile.requested')}</dt>
              <dd dir="auto" data-testid="requested-organization">
                {user.requestedOrganization.name} <span class="tag">{t('profile.pending')}</span>
              </dd>
            </>
          )}
        </dl>
      )}
      <p class="muted">{t('profile.organizationByAdmin')}</p>
      <p>
        <Link href="/me/settings">{t('settings.link')}</Link>
      </p>
      <p>
        <Link href="/me/notifications">{t('mailSettings.link')}</Link>
      </p>
      {user?.organizationAdmin && user.organization && (
        <p>
          <Link href={`/organizations/${user.organization.id}/people`}>
            {t('people.link', { name: user.organization.name })}
          </Link>
        </p>
      )}
      <p>
        <Link href="/me/security">{t('security.link')}</Link>
      </p>
      {user?.isAdmin && (
        <p>
          <Link href="/admin/mail">{t('adminMail.link')}</Link>
        </p>
      )}
      {user?.isAdmin && (
        <p>
          <Link href="/admin/sso">{t('sso.adminLink')}</Link>
        </p>
      )}
      {user?.isAdmin && <OrganizationRequests />}
      {user?.isAdmin && <OrganizationDirectory />}
    </Page>
  );
}
