import { useEffect, useState } from 'preact/hooks';
import { invite, listInvitations, renewInvitation, revokeInvitation } from '../../api/groups';
import type { CreatedInvitationDto, InvitationDto, Role } from '../../api/server-types';
import { formatDateTime, t } from '../../i18n/i18n';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { roleText } from '../groups/role-label';

export function Invitations({ groupId }: { groupId: string }) {
  const [list, setList] = useState<InvitationDto[]>([]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<{ invitation: CreatedInvitationDto; renewed: 'copy' | 'email' | null } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const reload = () => listInvitations(groupId).then(setList, setError);

  useEffect(() => {
    void reload();
  }, [groupId]);

  const statusText = (s: InvitationDto['status']) =>
    ({
      pending: t('invitations.pending'),
      accepted: t('invitations.accepted'),
      revoked: t('invitations.revoked'),
      expired: t('invitations.expired'),
    })[s];
  // The token is shown once, to the facilitator who made it: they pass the link on.
  const link = created ? `${window.location.origin}${created.invitation.acceptPath}` : '';
  const renew = (inv: InvitationDto, sendEmail: boolean) => {
    setError(null);
    renewInvitation(inv.id, sendEmail).then((answer) => {
      setCreated({ invitation: answer, renewed: sendEmail ? 'email' : 'copy' });
      void reload();
    }, setError);
  };
  const createdText = () => {
    if (!created) return '';
    const email = created.invitation.email;
    if (created.renewed === 'email') return t('invitations.resent', { email });
    if (created.renewed === 'copy') return t('invitations.newLink', { email });
    return t('invitations.created', { email });
  };

  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('invitations.title')}</h2>
      <form
        class="form form-row"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          invite(groupId, { email: email.trim(), role }).then((answer) => {
            setCreated({ invitation: answer, renewed: null });
            setEmail('');
            void reload();
          }, setError);
        }}
      >
        <Field id="invite-email" label={t('auth.email')} error={errors.email}>
          <input
            {...described('invite-email', errors.email)}
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field id="invite-role" label={t('members.role')}>
          <select {...described('invite-role')} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {(['member', 'observer', 'facilitator'] as Role[]).map((r) => (
              <option key={r} value={r}>
                {roleText(r)}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="button-primary" disabled={!email.trim()}>
          {t('invitations.invite')}
        </button>
      </form>
      <ErrorNote error={Object.keys(errors).length ? null : error} />
      {created && (
        <div class="notice" role="status">
          <p>{createdText()}</p>
          <label for="invite-link">{t('invitations.link')}</label>
          <input id="invite-link" readOnly dir="ltr" value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button-quiet" onClick={() => void navigator.clipboard?.writeText(link)}>
            {t('invitations.copy')}
          </button>
        </div>
      )}
      {list.length > 0 && (
        <ul class="invitation-list">
          {list.map((inv) => (
            <li key={inv.id}>
              <span dir="ltr">{inv.email}</span> · {roleText(inv.role)} · {statusText(inv.status)} ·{' '}
              <span class="muted">{t('invitations.expires', { when: formatDateTime(inv.expiresAt) })}</span>
              {(inv.status === 'pending' || inv.status === 'expired') && (
                <>
                  {' '}
                  <button
                    type="button"
                    class="button-link"
                    aria-label={t('invitations.copyAgainFor', { email: inv.email })}
                    onClick={() => renew(inv, false)}
                  >
                    {t('invitations.copyAgain')}
                  </button>{' '}
                  <button
                    type="button"
                    class="button-link"
                    aria-label={t('invitations.resendTo', { email: inv.email })}
                    onClick={() => renew(inv, true)}
                  >
                    {t('invitations.resend')}
                  </button>
                </>
              )}
              {inv.status === 'pending' && (
                <button
                  type="button"
                  class="button-link"
                  onClick={() => revokeInvitation(inv.id).then(reload, setError)}
                >
                  {t('invitations.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
