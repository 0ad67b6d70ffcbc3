import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { OrganizationRequests } from '../account/organization-requests';
import { TwoFactorRequirement } from '../account/two-factor-requirement';
import { OrganizationsAdmin } from './organizations-admin';

/**
 * `/admin`, the workspace admin's one place: organizations (add, edit, domains, their people and admins), accounts
 * waiting for an organization, the two-factor requirement, and the ways to outgoing mail and single sign-on.
 */
export function WorkspaceAdmin() {
  if (!currentUser.value?.isAdmin) return <ErrorNote error={new Error(t('error.forbidden'))} />;
  return (
    <Page title={t('admin.title')}>
      <nav class="card" aria-labelledby="admin-more-title">
        <h2 id="admin-more-title">{t('admin.more')}</h2>
        <ul>
          <li>
            <Link href="/admin/report">{t('report.workspaceTitle')}</Link>
          </li>
          <li>
            <Link href="/admin/mail">{t('adminMail.link')}</Link>
          </li>
          <li>
            <Link href="/admin/sso">{t('sso.adminLink')}</Link>
          </li>
        </ul>
      </nav>
      <OrganizationsAdmin />
      <OrganizationRequests />
      <TwoFactorRequirement />
    </Page>
  );
}
