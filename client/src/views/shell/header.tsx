import { currentUser, session } from '../../api/session';
import { t } from '../../i18n/i18n';
import { location } from '../../router';
import { Link } from '../../ui/link';
import { NotificationBell } from '../notifications/notification-bell';
import { ConnectionStatus } from './connection-status';
import { LanguageSwitch } from './language-switch';

function NavLink({ href, label, exact = false }: { href: string; label: string; exact?: boolean }) {
  const path = location.value.path;
  const current = exact ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );
}

export function Header() {
  const user = currentUser.value;
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <Link href="/" class="brand">
        {t('app.name')}
      </Link>
      {user && (
        <nav aria-label={t('shell.navigation')} class="main-nav">
          <NavLink href="/" label={t('nav.groups')} exact />
          <NavLink href="/me/actions" label={t('nav.myActions')} />
          <NavLink href="/search" label={t('nav.search')} />
          {user.isAdmin && <NavLink href="/admin" label={t('nav.admin')} />}
        </nav>
      )}
      <div class="header-tools">
        {user && <ConnectionStatus />}
        {user && <NotificationBell />}
        <LanguageSwitch />
        {user && (
          <>
            <Link href="/me" class="whoami" dir="auto">
              {user.displayName}
            </Link>
            <button type="button" class="button-quiet" onClick={() => void session.signOut()}>
              {t('shell.signOut')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
