import { useState } from 'preact/hooks';
import { acceptInvitation, listGroups } from '../../api/groups';
import { currentUser } from '../../api/session';
import { loadGroups } from '../../live/groups';
import { t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { SignIn } from './sign-in';

/** `/invitations/:token`: sign in (or register) as the invited address, then accept. */
export function AcceptInvitation({ token }: { token: string }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!currentUser.value) return <SignIn heading={t('invitation.signInFirst')} />;

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
