import { useState } from 'preact/hooks';
import { deleteMessage, editMessage, messageHistory, toggleReaction } from '../../api/threads';
import type { MessageDto, MessageVersionDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { discard, retry, type PendingMessage } from '../../live/outbox';
import { formatDateTime, formatNumber, formatRelative, t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { SafeHtml } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';
import { toEditable, toSource } from './mentions';

const EMOJI = ['👍', '❤️', '🎉', '😄', '👀', '✅'];

export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

interface Props {
  message: MessageDto;
  onReply?: () => void;
}

export function MessageItem({ message, onReply }: Props) {
  const { canWrite, canManage, memberName } = useGroup();
  const me = currentUser.value?.id;
  const mine = message.author?.id === me;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [picking, setPicking] = useState(false);
  const [history, setHistory] = useState<MessageVersionDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch(setError);
  };

  if (message.deleted) {
    return (
      <article class="message deleted" data-message-id={message.id} data-seq={message.seq}>
        <p class="muted">{t('message.deleted')}</p>
      </article>
    );
  }

  const author = message.author?.displayName ?? t('message.unknownAuthor');
  return (
    <article class={mine ? 'message mine' : 'message'} data-message-id={message.id} data-seq={message.seq} aria-label={t('message.from', { name: author })}>
      <header class="message-header">
        <strong dir="auto">{author}</strong> <Time iso={message.createdAt} />
        {message.edited && (
          <button
            type="button"
            class="button-link"
            aria-expanded={history !== null}
            onClick={() => (history ? setHistory(null) : act(async () => setHistory(await messageHistory(message.id))))}
          >
            {t('message.edited')}
          </button>
        )}
      </header>
      {editing ? (
        <EditForm message={message} onDone={() => setEditing(false)} />
      ) : (
        <SafeHtml class="message-body" html={message.bodyHtml} />
      )}
      {history && (
        <section class="history" aria-label={t('message.history')}>
          <h4>{t('message.history')}</h4>
          <ol>
            {history.map((version) => (
              <li key={version.replacedAt}>
                <SafeHtml html={version.bodyHtml} />
                <p class="meta">{t('message.replacedAt', { when: formatDateTime(version.replacedAt) })}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {message.reactions.length > 0 && (
        <ul class="reactions" aria-label={t('message.reactions')}>
          {message.reactions.map((r) => {
            const reacted = me ? r.userIds.includes(me) : false;
            const who = r.userIds.map((id) => memberName(id) ?? '?').join(', ');
            return (
              <li key={r.emoji}>
                <button
                  type="button"
                  class="reaction"
                  aria-pressed={reacted}
                  disabled={!canWrite}
                  title={who}
                  aria-label={tn('message.reactionCount', r.count, { emoji: r.emoji })}
                  onClick={() => act(() => toggleReaction(message.id, r.emoji))}
                >
                  {r.emoji} {formatNumber(r.count)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {canWrite && !editing && (
        <div class="message-actions">
          {onReply && (
            <button type="button" class="button-link" onClick={onReply}>
              <Icon name="reply" /> {t('message.reply')}
            </button>
          )}
          <button type="button" class="button-link" aria-expanded={picking} onClick={() => setPicking(!picking)}>
            <Icon name="smile" /> {t('message.react')}
          </button>
          {mine && (
            <button type="button" class="button-link" onClick={() => setEditing(true)}>
              {t('message.edit')}
            </button>
          )}
          {(mine || canManage) &&
            (confirming ? (
              <span class="confirm" role="group" aria-label={t('message.confirmDelete')}>
                {t('message.confirmDelete')}{' '}
                <button type="button" class="button-danger" onClick={() => act(() => deleteMessage(message.id))}>
                  {t('message.delete')}
                </button>{' '}
                <button type="button" class="button-link" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" class="button-link" onClick={() => setConfirming(true)}>
                {t('message.delete')}
              </button>
            ))}
        </div>
      )}
      {picking && (
        <div class="emoji-picker" role="group" aria-label={t('message.react')}>
          {EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              class="reaction"
              onClick={() => {
                setPicking(false);
                act(() => toggleReaction(message.id, emoji));
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      <ErrorNote error={error} />
    </article>
  );
}

function EditForm({ message, onDone }: { message: MessageDto; onDone: () => void }) {
  const { memberName } = useGroup();
  const [initial] = useState(() => toEditable(message.body ?? '', memberName));
  const [text, setText] = useState(initial.text);
  const [error, setError] = useState<unknown>(null);
  const id = `edit-${message.id}`;
  return (
    <form
      class="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        editMessage(message.id, toSource(text.trim(), initial.mentions)).then(onDone, setError);
      }}
    >
      <label for={id} class="visually-hidden">
        {t('message.editLabel')}
      </label>
      <textarea id={id} rows={3} dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <button type="submit" class="button-primary" disabled={!text.trim()}>
          {t('common.save')}
        </button>
        <button type="button" class="button-link" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

/** A message not yet acknowledged: its text as typed (never as HTML), marked pending or failed. */
export function PendingItem({ pending }: { pending: PendingMessage }) {
  const { memberName } = useGroup();
  const author = currentUser.value?.displayName ?? '';
  return (
    <article class={`message mine pending ${pending.status}`} data-client-id={pending.clientId} aria-busy={pending.status === 'pending'}>
      <header class="message-header">
        <strong dir="auto">{author}</strong>{' '}
        <span class="muted">{pending.status === 'pending' ? t('message.sending') : t('message.failed')}</span>
      </header>
      <p class="message-body pending-body" dir="auto">
        {toEditable(pending.body, memberName).text}
      </p>
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
