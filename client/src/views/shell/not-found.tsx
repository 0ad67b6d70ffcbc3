import { t } from '../../i18n/i18n';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';

export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <Link href="/">{t('nav.groups')}</Link>
    </Page>
  );
}
