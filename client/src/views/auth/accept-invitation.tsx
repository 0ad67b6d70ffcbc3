import { useState } from 'preact/hooks';
import { acceptInvitation, listGroups, previewInvitation } from '../../api/groups';
import type { InvitationPreviewDto } from '../../api/server-types';
import { currentUser, session } from '../../api/session';
import { loadGroups } from '../../live/groups';
import { formatDay, t } from '../../i18n/i18n';
import { useLoad } from '../../ui/use-load';
import { roleText } from '../groups/role-label';
import { navigate } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { SignIn } from './sign-in';

/** Who invited whom to what, from the link alone: shown before signing in and before accepting. */
function InvitationSummary({ preview }: { preview: InvitationPreviewDto }) {
  const params = { group: preview.groupName, role: roleText(preview.role) };
  return (
    <div class="card narrow" data-testid="invitation-summary">
      <p>
        {preview.invitedBy
          ? t('invitation.from', { ...params, inviter: preview.invitedBy })
          : t('invitation.fromSomeone', params)}
      </p>
      {preview.status === 'pending' ? (
        <p class="muted">
          {t('invitation.sentTo', { email: preview.email, date: formatDay(preview.expiresAt.slice(0, 10)) })}
        </p>
      ) : (
        <p role="status">{t(`invitation.closed.${preview.status}`)}</p>
      )}
    </div>
  );
}

/** `/invitations/:token`: what the invitation is, then sign in (or register) as the invited address and accept. */
export function AcceptInvitation({ token }: { token: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const preview = useLoad(() => previewInvitation(token), [token]);
  const summary = preview.data ? <InvitationSummary preview={preview.data} /> : <ErrorNote error={preview.error} />;
  if (!currentUser.value)
    return (
      <>
        {summary}
        <SignIn heading={t('invitation.signInFirst')} email={preview.data?.email} />
      </>
    );
  const invited = preview.data?.email;
  if (invited && invited.toLowerCase() !== currentUser.value.email.toLowerCase()) {
    // Only the invited address may accept: say which account that is rather than refuse after a click.
    return (
      <Page title={t('invitation.title')}>
        {summary}
        <div class="card narrow" data-testid="wrong-account">
          <p role="alert">{t('invitation.wrongAccount', { email: invited, current: currentUser.value.email })}</p>
          <button type="button" class="button-primary" onClick={() => void session.signOut()}>
            {t('invitation.switchAccount', { email: invited })}
          </button>
        </div>
      </Page>
    );
  }

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const before = new Set((await listGroups()).map((g) => g.id));
      await acceptInvitation(token);
      // The answer is the membership, without its group: the group is the one that was not in the list before.
      const after = await listGroups();
      const joined = after.find((g) => !before.has(g.id));
      await loadGroups();
      navigate(joined ? `/groups/${joined.id}` : '/', { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('invitation.title')}>
      {summary}
      <div class="card narrow">
        <p>{t('invitation.text', { email: currentUser.value.email })}</p>
        <ErrorNote error={error} />
        <button type="button" class="button-primary" disabled={busy} onClick={() => void accept()}>
          {t('invitation.accept')}
        </button>
      </div>
    </Page>
  );
}
