import { useEffect, useRef, useState } from 'preact/hooks';
import { deleteMessage, messageHistory, toggleReaction } from '../../api/threads';
import type { MessageDto, MessageVersionDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { formatDateTime, formatNumber, t, tn } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { SafeHtml } from '../../ui/safe-html';
import { Time } from '../../ui/time';
import { useGroup } from '../groups/group-context';
import { EditForm } from './message-edit-form';
import { FileList } from '../files/file-card';

const EMOJI = ['👍', '❤️', '🎉', '😄', '👀', '✅'];

interface Props {
  message: MessageDto;
  /** The message a link pointed at: scrolled into view and marked. */
  focused?: boolean;
  onReply?: () => void;
}

export function MessageItem({ message, focused = false, onReply }: Props) {
  const { canWrite, canManage, memberName } = useGroup();
  const me = currentUser.value?.id;
  const mine = message.author?.id === me;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [picking, setPicking] = useState(false);
  const [history, setHistory] = useState<MessageVersionDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const article = useRef<HTMLElement>(null);
  const reactButton = useRef<HTMLButtonElement>(null);
  const closePicker = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !picking) return;
    event.preventDefault();
    setPicking(false);
    reactButton.current?.focus();
  };
  useEffect(() => {
    if (focused) article.current?.scrollIntoView({ block: 'center' });
  }, [focused]);

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
    <article
      ref={article}
      class={`message${mine ? ' mine' : ''}${focused ? ' focused' : ''}`}
      data-message-id={message.id}
      data-seq={message.seq}
      aria-label={t('message.from', { name: author })}
    >
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
      <FileList files={message.attachments} />
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
                  onClick={() => act(() => toggleReaction(message.id, r.emoji))}
                >
                  {/* The name starts with what is seen (emoji and number) and adds the words for them. */}
                  {r.emoji} {formatNumber(r.count)}
                  <span class="visually-hidden"> ({tn('message.reactionCount', r.count)})</span>
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
          <button
            ref={reactButton}
            type="button"
            class="button-link"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
            onKeyDown={closePicker}
          >
            <Icon name="smile" /> {t('message.react')}
          </button>
          {/* Next to its button in the Tab order, before Edit and Delete. */}
          {picking && (
            <div class="emoji-picker" role="group" aria-label={t('message.react')} onKeyDown={closePicker}>
              {EMOJI.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  class="reaction"
                  onClick={() => {
                    setPicking(false);
                    reactButton.current?.focus();
                    act(() => toggleReaction(message.id, emoji));
                  }}
                >
                  {emoji}
                </button>
              ))}
            </div>
          )}
          {canManage && (
            <Link
              class="button-link"
              href={`/groups/${message.groupId}/actions?new=1&sourceType=message&sourceId=${message.id}&threadId=${message.threadId}`}
            >
              {t('message.toAction')}
            </Link>
          )}
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
      <ErrorNote error={error} />
    </article>
  );
}
