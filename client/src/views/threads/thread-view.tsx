import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getThread, listMessages, markThreadRead } from '../../api/threads';
import type { MessageDto, ThreadDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { onGroupEvent, onResync } from '../../live/feed';
import { activeThreadId, loadUnread } from '../../live/groups';
import { onAcknowledged, outbox } from '../../live/outbox';
import { stopTyping } from '../../live/presence';
import { t } from '../../i18n/i18n';
import { location } from '../../router';
import { announce } from '../../ui/live-region';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { textOf } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';
import { Composer } from './composer';
import { MessageItem } from './message-item';
import { PendingItem } from './pending-item';
import { visiblePending } from './pending-match';
import { PresenceBar } from './presence-bar';
import { RecommendationPanel } from './recommendation-panel';
import { ThreadTools } from './thread-tools';

const READ_DELAY_MS = 800;

/**
 * A thread with its messages, live. Messages are kept by id and ordered by seq, so a message that arrives twice
 * (live push, catch-up, acknowledgement) is shown once, and one that arrives late takes its place in order.
 */
export function ThreadView({ groupId, threadId }: { groupId: string; threadId: string }) {
  const { canWrite } = useGroup();
  const [thread, setThread] = useState<ThreadDto | null>(null);
  const [messages, setMessages] = useState<Map<string, MessageDto>>(new Map());
  const [hasOlder, setHasOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [replyTo, setReplyTo] = useState<{ id: string; author: string } | null>(null);
  const [generation, setGeneration] = useState(0);
  const me = currentUser.value?.id;
  const focusId = location.value.query.get('message');

  const upsert = (incoming: MessageDto[]) =>
    setMessages((current) => {
      const next = new Map(current);
      for (const message of incoming) {
        if (message.threadId !== threadId) continue;
        next.set(message.id, message);
      }
      return next;
    });

  useEffect(() => {
    let live = true;
    activeThreadId.value = threadId;
    setError(null);
    setMessages(new Map());
    Promise.all([getThread(threadId), listMessages(threadId, focusId ? { around: focusId } : {})]).then(
      ([loadedThread, page]) => {
        if (!live) return;
        setThread(loadedThread);
        // Events that arrived while the page loaded are at least as new as it: they win over the snapshot.
        setMessages((arrived) => new Map([...page.items.map((m) => [m.id, m] as const), ...arrived]));
        setHasOlder(page.hasOlder);
      },
      (failure: unknown) => live && setError(failure),
    );
    const stops = [
      onGroupEvent(groupId, ['message.created', 'message.updated', 'message.deleted'], (message, event) => {
        if (message.threadId !== threadId) return;
        upsert([message]);
        if (event.type === 'message.created' && message.author?.id !== me) {
          if (message.author) stopTyping(threadId, message.author.id);
          announce(
            t('thread.newMessage', {
              name: message.author?.displayName ?? '',
              text: textOf(message.bodyHtml).slice(0, 200),
            }),
          );
        }
      }),
      onGroupEvent(groupId, ['reaction.changed'], (change) => {
        if (change.threadId !== threadId) return;
        setMessages((current) => {
          const message = current.get(change.messageId);
          if (!message) return current;
          return new Map(current).set(message.id, { ...message, reactions: change.reactions });
        });
      }),
      onGroupEvent(groupId, ['thread.updated', 'thread.pinned', 'recommendation.closed'], (updated) => {
        if (updated.id === threadId) setThread(updated);
      }),
      onAcknowledged((message) => upsert([message])),
      onResync((id) => id === groupId && setGeneration((g) => g + 1)),
    ];
    return () => {
      live = false;
      if (activeThreadId.value === threadId) activeThreadId.value = null;
      for (const stop of stops) stop();
    };
  }, [groupId, threadId, focusId, generation]);

  const ordered = useMemo(() => [...messages.values()].sort((a, b) => a.seq - b.seq), [messages]);
  const pending = visiblePending(
    outbox.value.filter((p) => p.threadId === threadId),
    ordered,
    me,
  );

  // Reading: what is on screen counts as read, a moment after it arrives (or when the tab is looked at again).
  const newest = ordered[ordered.length - 1]?.id;
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!newest) return;
    const markRead = () => {
      clearTimeout(readTimer.current);
      readTimer.current = setTimeout(() => {
        if (document.visibilityState !== 'visible') return;
        markThreadRead(threadId, newest).then(
          () => loadUnread(groupId),
          () => undefined,
        );
      }, READ_DELAY_MS);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => {
      clearTimeout(readTimer.current);
      document.removeEventListener('visibilitychange', markRead);
    };
  }, [newest, threadId, groupId]);

  // Follow the conversation: on first load (unless a linked message is shown) and whenever the reader is already
  // at the bottom, new messages scroll into view; a reader scrolled up to read history is left where they are.
  const count = ordered.length + pending.length;
  const seen = useRef(0);
  useLayoutEffect(() => {
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200;
    const first = seen.current === 0 && count > 0;
    if ((first && !focusId) || (!first && count > seen.current && atBottom)) {
      window.scrollTo({ top: document.documentElement.scrollHeight });
    }
    seen.current = count;
  }, [count]);

  const loadOlder = async () => {
    const oldest = ordered[0];
    if (!oldest) return;
    try {
      const page = await listMessages(threadId, { before: oldest.id });
      upsert(page.items);
      setHasOlder(page.hasOlder);
    } catch (failure) {
      setError(failure);
    }
  };

  if (error && !thread) return <ErrorNote error={error} />;
  if (!thread) return <p role="status">{t('common.loading')}</p>;

  const topLevel = ordered.filter((m) => !m.parentId);
  const repliesOf = (id: string) => ordered.filter((m) => m.parentId === id);
  // A closed recommendation keeps its discussion as the record: nobody writes in it any more.
  const closedRecommendation = thread.kind === 'recommendation' && thread.status === 'closed';
  const composerId = `composer-${threadId}`;

  return (
    <Page
      title={thread.title}
      actions={
        <>
          {!closedRecommendation && canWrite && (
            // A long thread is many Tab presses deep: the first stop after the heading leads to the message box.
            <a
              href={`#${composerId}`}
              class="skip-inline"
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(composerId)?.focus();
              }}
            >
              {t('thread.skipToComposer')}
            </a>
          )}
          <ThreadTools thread={thread} onChange={setThread} />
          <Link href={`/groups/${groupId}`} class="button-quiet">
            <Icon name="back" /> {t('thread.backToThreads')}
          </Link>
        </>
      }
    >
      <PresenceBar groupId={groupId} threadId={threadId} />
      {thread.kind === 'recommendation' && <RecommendationPanel thread={thread} onChange={setThread} />}
      <section aria-label={t('thread.messages')} class="messages">
        {hasOlder && (
          <button type="button" class="button-quiet" onClick={() => void loadOlder()}>
            {t('thread.loadOlder')}
          </button>
        )}
        {ordered.length === 0 && pending.length === 0 && <p class="muted">{t('thread.empty')}</p>}
        <ol class="message-list" data-testid="messages">
          {topLevel.map((message) => (
            <li key={message.id}>
              <MessageItem
                message={message}
                focused={message.id === focusId}
                onReply={
                  closedRecommendation
                    ? undefined
                    : () => setReplyTo({ id: message.id, author: message.author?.displayName ?? '' })
                }
              />
              <Replies
                replies={repliesOf(message.id)}
                pending={pending.filter((p) => p.parentId === message.id)}
                focusId={focusId}
              />
            </li>
          ))}
          {pending
            .filter((p) => !p.parentId)
            .map((p) => (
              <li key={p.clientId}>
                <PendingItem pending={p} />
              </li>
            ))}
        </ol>
      </section>
      <ErrorNote error={thread ? error : null} />
      {closedRecommendation ? (
        <p class="muted">{t('thread.closedNote')}</p>
      ) : (
        <Composer
          threadId={threadId}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          newestSeq={ordered[ordered.length - 1]?.seq ?? 0}
          disabled={!canWrite}
        />
      )}
    </Page>
  );
}

function Replies({
  replies,
  pending,
  focusId,
}: {
  replies: MessageDto[];
  pending: ReturnType<typeof visiblePending>;
  focusId: string | null;
}) {
  if (replies.length === 0 && pending.length === 0) return null;
  return (
    <ol class="replies" aria-label={t('thread.replies')}>
      {replies.map((reply) => (
        <li key={reply.id}>
          <MessageItem message={reply} focused={reply.id === focusId} />
        </li>
      ))}
      {pending.map((p) => (
        <li key={p.clientId}>
          <PendingItem pending={p} />
        </li>
      ))}
    </ol>
  );
}
