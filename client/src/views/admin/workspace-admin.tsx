import { api } from '../../api/http';
import { loadOutgoingMail } from '../../api/mail';
import type { RegistrationSettingsDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { useLoad } from '../../ui/use-load';
import { formatNumber, t } from '../../i18n/i18n';
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
      <WorkspaceStatus />
      <OrganizationsAdmin />
      <OrganizationRequests />
      <TwoFactorRequirement />
    </Page>
  );
}

/** Who may register (set in the server's environment, shown here) and whether email goes out, at a glance. */
function WorkspaceStatus() {
  const registration = useLoad(() => api<RegistrationSettingsDto>('GET', '/admin/settings/registration'), []);
  const mail = useLoad(() => loadOutgoingMail(null), []);
  const mode = registration.data?.mode;
  return (
    <section class="card" aria-labelledby="admin-status-title" data-testid="workspace-status">
      <h2 id="admin-status-title">{t('admin.status')}</h2>
      <ErrorNote error={registration.error ?? mail.error} />
      <dl class="profile">
        <dt>{t('admin.registration')}</dt>
        <dd data-testid="registration-policy">
          {mode === 'open' && t('admin.registrationOpen')}
          {mode === 'invite-only' && t('admin.registrationInviteOnly')}
          {mode === 'domains' && (
            <>
              {t('admin.registrationDomains')} <span dir="ltr">{registration.data!.domains.join(', ')}</span>
            </>
          )}
        </dd>
        <dt>{t('adminMail.title')}</dt>
        <dd data-testid="mail-status">
          {mail.data && (mail.data.smtp ? t('admin.mailSmtp') : t('admin.mailFiles'))}
          {mail.data && mail.data.failedJobs.length > 0 && (
            <> · {t('admin.mailFailed', { count: formatNumber(mail.data.failedJobs.length) })}</>
          )}
        </dd>
      </dl>
      <p class="muted">{t('admin.registrationHint')}</p>
    </section>
  );
}
