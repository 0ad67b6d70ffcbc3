import { currentUser } from '../../api/session';
import { discard, retry, type PendingMessage } from '../../live/outbox';
import { t } from '../../i18n/i18n';
import { useGroup } from '../groups/group-context';
import { toEditable } from './mentions';

/** A message not yet acknowledged: its text as typed (never as HTML), marked pending or failed. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { memberName } = useGroup();
  const author = currentUser.value?.displayName ?? '';
  return (
    <article
      class={`message mine pending ${pending.status}`}
      data-client-id={pending.clientId}
      aria-busy={pending.status === 'pending'}
    >
      <header class="message-header">
        <strong dir="auto">{author}</strong>{' '}
        <span class="muted">{pending.status === 'pending' ? t('message.sending') : t('message.failed')}</span>
      </header>
      <p class="message-body pending-body" dir="auto">
        {toEditable(pending.body, memberName).text}
      </p>
      {pending.attachmentNames && pending.attachmentNames.length > 0 && (
        <ul class="file-chips" aria-label={t('files.list')}>
          {pending.attachmentNames.map((name, i) => (
            <li key={i} class="file-chip">
              <span class="file-name">
                <bdi>{name}</bdi>
              </span>
            </li>
          ))}
        </ul>
      )}
      {pending.status === 'failed' && (
        <div class="message-actions">
          {pending.error && <span class="field-error">{pending.error}</span>}
          <button type="button" class="button-link" onClick={() => retry(pending.clientId)}>
            {t('message.retry')}
          </button>
          <button type="button" class="button-link" onClick={() => discard(pending.clientId)}>
            {t('message.discard')}
          </button>
        </div>
      )}
    </article>
  );
}
