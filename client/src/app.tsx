import { useEffect } from 'preact/hooks';
import { currentUser, enrolmentRequired } from './api/session';
import { location, match, navigate } from './router';
import { announcement } from './ui/live-region';
import { lazy } from './ui/lazy';
import { AcceptInvitation } from './views/auth/accept-invitation';
import { Register } from './views/auth/register';
import { ChooseNewPassword, RequestPasswordReset } from './views/auth/reset-password';
import { OrganizationPeople } from './views/account/organization-people';
import { ConfirmEmail, RequestConfirmationLink, UnconfirmedBanner } from './views/auth/verify-email';
import { Setup } from './views/auth/setup';
import { SignIn } from './views/auth/sign-in';
import { GroupShell } from './views/groups/group-shell';
import { MyGroups } from './views/groups/my-groups';
import { Header } from './views/shell/header';
import { NotFound } from './views/shell/not-found';

// Loaded on first use: the first screen a user sees needs none of these.
const ThreadList = lazy(() => import('./views/threads/thread-list').then((m) => m.ThreadList));
const ThreadView = lazy(() => import('./views/threads/thread-view').then((m) => m.ThreadView));
const ActionsPage = lazy(() => import('./views/actions/actions-page').then((m) => m.ActionsPage));
const ActionDetail = lazy(() => import('./views/actions/action-detail').then((m) => m.ActionDetail));
const ActionRedirect = lazy(() => import('./views/actions/action-detail').then((m) => m.ActionRedirect));
const MyActions = lazy(() => import('./views/actions/my-actions').then((m) => m.MyActions));
const FilesPage = lazy(() => import('./views/files/files-page').then((m) => m.FilesPage));
const LedgerPage = lazy(() => import('./views/ledger/ledger-page').then((m) => m.LedgerPage));
const TimelinePage = lazy(() => import('./views/timeline/timeline-page').then((m) => m.TimelinePage));
const ReportPage = lazy(() => import('./views/report/report-page').then((m) => m.ReportPage));
const GroupSettings = lazy(() => import('./views/groups/group-settings').then((m) => m.GroupSettings));
const MembersPage = lazy(() => import('./views/members/members-page').then((m) => m.MembersPage));
const NotificationsPage = lazy(() =>
  import('./views/notifications/notifications-page').then((m) => m.NotificationsPage),
);
const SearchPage = lazy(() => import('./views/search/search-page').then((m) => m.SearchPage));
const Profile = lazy(() => import('./views/account/profile').then((m) => m.Profile));
const AccountSettings = lazy(() => import('./views/account/account-settings').then((m) => m.AccountSettings));
const NotificationSettings = lazy(() =>
  import('./views/account/notification-settings').then((m) => m.NotificationSettings),
);
const Security = lazy(() => import('./views/account/security').then((m) => m.Security));
const WorkspaceAdmin = lazy(() => import('./views/admin/workspace-admin').then((m) => m.WorkspaceAdmin));
const OutgoingMail = lazy(() => import('./views/admin/outgoing-mail').then((m) => m.OutgoingMail));
const PublishedPage = lazy(() => import('./views/published/published-page').then((m) => m.PublishedPage));
const IdentityProviders = lazy(() => import('./views/admin/identity-providers').then((m) => m.IdentityProviders));

type Params = Record<string, string>;

/** Screens inside a group share its header and tabs; the group is loaded once for all of them. */
const GROUP_ROUTES: [string, (p: Params) => preact.JSX.Element][] = [
  ['/groups/:groupId', (p) => <ThreadList groupId={p.groupId} />],
  [
    '/groups/:groupId/threads/:threadId',
    (p) => <ThreadView key={p.threadId} groupId={p.groupId} threadId={p.threadId} />,
  ],
  ['/groups/:groupId/actions', (p) => <ActionsPage groupId={p.groupId} />],
  [
    '/groups/:groupId/actions/:actionId',
    (p) => <ActionDetail key={p.actionId} groupId={p.groupId} actionId={p.actionId} />,
  ],
  ['/groups/:groupId/files', (p) => <FilesPage groupId={p.groupId} />],
  ['/groups/:groupId/report', (p) => <ReportPage groupId={p.groupId} />],
  ['/groups/:groupId/ledger', (p) => <LedgerPage groupId={p.groupId} />],
  [
    '/groups/:groupId/ledger/:organizationId',
    (p) => <LedgerPage key={p.organizationId} groupId={p.groupId} organizationId={p.organizationId} />,
  ],
  [
    '/groups/:groupId/threads/:threadId/timeline',
    (p) => <TimelinePage key={p.threadId} groupId={p.groupId} threadId={p.threadId} />,
  ],
  ['/groups/:groupId/members', (p) => <MembersPage groupId={p.groupId} />],
  ['/groups/:groupId/settings', (p) => <GroupSettings groupId={p.groupId} />],
];

const SIGNED_IN_ROUTES: [string, (p: Params) => preact.JSX.Element][] = [
  ['/', () => <MyGroups />],
  ['/me', () => <Profile />],
  ['/me/actions', () => <MyActions />],
  ['/me/settings', () => <AccountSettings />],
  ['/me/notifications', () => <NotificationSettings />],
  ['/me/security', () => <Security />],
  ['/admin', () => <WorkspaceAdmin />],
  ['/admin/mail', () => <OutgoingMail />],
  ['/admin/report', () => <ReportPage />],
  [
    '/organizations/:organizationId/people',
    (p) => <OrganizationPeople key={p.organizationId} organizationId={p.organizationId} />,
  ],
  ['/admin/sso', () => <IdentityProviders />],
  ['/actions/:actionId', (p) => <ActionRedirect actionId={p.actionId} />],
  ['/notifications', () => <NotificationsPage />],
  ['/search', () => <SearchPage />],
];

function Screen() {
  const { path } = location.value;
  const user = currentUser.value;

  const published = match('/p/:token', path);
  if (published) return <PublishedPage key={published.token} token={published.token} />;
  const invitation = match('/invitations/:token', path);
  if (invitation) return <AcceptInvitation token={invitation.token} />;
  // Reachable signed in too: a reset link opened in a browser where someone else is signed in still works.
  const reset = match('/reset-password/:token', path);
  if (reset) return <ChooseNewPassword key={reset.token} token={reset.token} />;
  if (path === '/reset-password') return <RequestPasswordReset />;
  // Reachable signed in too: an account made before addresses were confirmed confirms it while signed in.
  const confirmation = match('/verify-email/:token', path);
  if (confirmation) return <ConfirmEmail key={confirmation.token} token={confirmation.token} />;
  if (path === '/verify-email') return <RequestConfirmationLink />;
  const setup = match('/setup/:token', path);
  if (setup && !user) return <Setup token={setup.token} />;
  if (!user) {
    if (path === '/register') return <Register />;
    return <SignIn />;
  }
  if (path === '/login' || path === '/register') return <Redirect to="/" />;
  // The workspace requires a second factor of this account: nothing else answers until it is set up.
  if (enrolmentRequired.value && path !== '/me/security') return <Redirect to="/me/security" />;
  for (const [pattern, render] of GROUP_ROUTES) {
    const params = match(pattern, path);
    // Keyed: another group (or thread) is a new screen, with nothing left over from the previous one.
    if (params)
      return (
        <GroupShell key={params.groupId} groupId={params.groupId}>
          {render(params)}
        </GroupShell>
      );
  }
  for (const [pattern, render] of SIGNED_IN_ROUTES) {
    const params = match(pattern, path);
    if (params) return render(params);
  }
  return <NotFound />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  return (
    <>
      <Header />
      <UnconfirmedBanner />
      <main id="main" tabIndex={-1}>
        <Screen />
      </main>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement.value}
      </div>
    </>
  );
}
