import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { Page } from '../../ui/page';
import { SessionsList } from './sessions-list';
import { TwoFactorRequirement } from './two-factor-requirement';
import { TwoFactorSettings } from './two-factor-settings';

/** `/me/security`: the second factor, the signed-in devices, and (for the admin) who must use a second factor. */
export function Security() {
  return (
    <Page title={t('security.title')}>
      <TwoFactorSettings />
      <SessionsList />
      {currentUser.value?.isAdmin && <TwoFactorRequirement />}
    </Page>
  );
}
