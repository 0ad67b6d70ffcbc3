import { useMemo, useRef, useState } from 'preact/hooks';
import { currentUser } from '../../api/session';
import { sendMessage } from '../../live/outbox';
import { sendTyping } from '../../live/socket';
import { t } from '../../i18n/i18n';
import { Icon } from '../../ui/icons';
import { useGroup } from '../groups/group-context';
import { AttachButton, DropZone, PendingChips, useFileDraft } from '../files/attach-control';
import { mentionQuery, toSource, type MentionMap } from './mentions';

const MAX_SUGGESTIONS = 6;
const MAX_LENGTH = 10_000;

interface Props {
  threadId: string;
  replyTo: { id: string; author: string } | null;
  onCancelReply: () => void;
  /** The newest seq on screen, to tell this message's stored copy from an older one with the same text. */
  newestSeq: number;
  disabled?: boolean;
}

/**
 * Writes a message: Enter sends, Shift+Enter starts a new line, `@` suggests group members (arrow keys, Enter or
 * Tab to pick, Escape to close). Sending is optimistic: the message appears as pending at once. Files are attached
 * with the button, by pasting or by dropping them on the composer; they upload at once and the message waits for
 * them.
 */
export function Composer({ threadId, replyTo, onCancelReply, newestSeq, disabled }: Props) {
  const { group, members } = useGroup();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const mentions = useRef<MentionMap>(new Map());
  const field = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);
  const me = currentUser.value?.id;
  const files = useFileDraft(group.id);

  const query = closed ? null : mentionQuery(text, caret);
  const suggestions = useMemo(() => {
    if (!query) return [];
    const q = query.query.toLocaleLowerCase();
    return members
      .filter((m) => m.userId !== me && m.displayName.toLocaleLowerCase().includes(q))
      .slice(0, MAX_SUGGESTIONS);
  }, [query?.query, members, me]);
  const open = suggestions.length > 0;
  const listId = `mentions-${threadId}`;

  const pick = (index: number) => {
    const member = suggestions[index];
    if (!member || !query) return;
    const before = text.slice(0, query.start);
    const after = text.slice(caret);
    const inserted = `@${member.displayName} `;
    mentions.current.set(member.displayName, member.userId);
    const next = before + inserted + after;
    setText(next);
    const position = before.length + inserted.length;
    setCaret(position);
    requestAnimationFrame(() => field.current?.setSelectionRange(position, position));
  };

  const send = () => {
    const body = toSource(text.trim(), mentions.current);
    if (!body || disabled || files.busy) return;
    sendMessage({
      groupId: group.id,
      threadId,
      parentId: replyTo?.id ?? null,
      body,
      afterSeq: newestSeq,
      attachmentIds: files.ids,
      attachmentNames: files.files.filter((f) => f.status === 'done').map((f) => f.name),
    });
    files.clear();
    setText('');
    setCaret(0);
    mentions.current = new Map();
    onCancelReply();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(Math.min(active, suggestions.length - 1));
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setClosed(true);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const onInput = (event: Event) => {
    const target = event.currentTarget as HTMLTextAreaElement;
    setText(target.value);
    setCaret(target.selectionStart);
    setClosed(false);
    setActive(0);
    // The server relays at most one hint per 1.5 s; sending fewer saves frames.
    if (Date.now() - lastTyping.current > 1_500) {
      lastTyping.current = Date.now();
      sendTyping(group.id, threadId);
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <DropZone draft={files} disabled={disabled}>
        {replyTo && (
          <p class="replying">
            <Icon name="reply" /> <span dir="auto">{t('thread.replyingTo', { name: replyTo.author })}</span>
            <button type="button" class="button-link" onClick={onCancelReply}>
              {t('common.cancel')}
            </button>
          </p>
        )}
        <label for={`composer-${threadId}`} class="visually-hidden">
          {replyTo ? t('thread.replyLabel') : t('thread.messageLabel')}
        </label>
        <div class="composer-row">
          <textarea
            id={`composer-${threadId}`}
            ref={field}
            data-testid="composer"
            rows={2}
            dir="auto"
            maxLength={MAX_LENGTH}
            value={text}
            disabled={disabled}
            placeholder={disabled ? t('thread.readOnly') : t('thread.placeholder')}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            aria-describedby={`composer-help-${threadId}`}
            onInput={onInput}
            onKeyDown={onKeyDown}
            onClick={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
          />
          {!disabled && <AttachButton draft={files} describedBy={`composer-files-${threadId}`} />}
          <button
            type="submit"
            class="button-primary"
            disabled={disabled || !text.trim() || files.busy}
            aria-describedby={files.busy ? `composer-wait-${threadId}` : undefined}
          >
            <Icon name="send" />
            <span class="label">{t('thread.send')}</span>
          </button>
        </div>
        <PendingChips draft={files} onRemoved={() => field.current?.focus()} />
        {files.busy && (
          <p id={`composer-wait-${threadId}`} class="hint">
            {t('files.waitUploads')}
          </p>
        )}
        <p id={`composer-help-${threadId}`} class="hint">
          {t('thread.composerHelp')}
          {!disabled && <span id={`composer-files-${threadId}`}> {t('files.dropHint')}</span>}
        </p>
        {open && (
          <ul id={listId} role="listbox" class="suggestions" aria-label={t('thread.mentionSuggestions')}>
            {suggestions.map((m, i) => (
              <li
                key={m.userId}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep focus in the textarea
                  pick(i);
                }}
              >
                <span dir="auto">{m.displayName}</span>
                {m.organization && (
                  <span class="muted">
                    {' '}
                    · <bdi>{m.organization.name}</bdi>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </DropZone>
    </form>
  );
}
