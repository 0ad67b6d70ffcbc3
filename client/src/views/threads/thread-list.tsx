import { useEffect, useState } from 'preact/hooks';
import { createThread, listThreads } from '../../api/groups';
import type { MyThreadDto, ThreadDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { onGroupEvent, onResync } from '../../live/feed';
import { t, tn } from '../../i18n/i18n';
import { navigate } from '../../router';
import { described, ErrorNote, Field, fieldErrors } from '../../ui/form';
import { Link } from '../../ui/link';
import { Objectives, ObjectivesPicker } from '../../ui/objectives-picker';
import { Page } from '../../ui/page';
import { useGroup } from '../groups/group-context';
import { Time } from '../../ui/time';
import { AttachButton, DropZone, PendingChips, useFileDraft } from '../files/attach-control';

const byActivity = (a: MyThreadDto, b: MyThreadDto) =>
  Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt);

/** A group's threads, pinned first then most recently active, with unread counts; live. */
export function ThreadList({ groupId }: { groupId: string }) {
  const { group, canWrite } = useGroup();
  const [threads, setThreads] = useState<MyThreadDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const me = currentUser.value?.id;

  useEffect(() => {
    let loaded = false;
    // Threads created or changed live while the list loads are merged into it once it is there.
    const early = new Map<string, ThreadDto>();
    setThreads(null);
    listThreads(groupId).then((list) => {
      loaded = true;
      const merged = list.map((x) => {
        const newer = early.get(x.id);
        return newer && newer.updatedAt > x.updatedAt ? { ...newer, unreadCount: x.unreadCount } : x;
      });
      for (const x of early.values()) if (!list.some((y) => y.id === x.id)) merged.push({ ...x, unreadCount: 0 });
      setThreads(merged.sort(byActivity));
    }, setError);
    const upsert = (thread: ThreadDto) => {
      if (!loaded) return void early.set(thread.id, thread);
      setThreads((list) => {
        const old = list?.find((x) => x.id === thread.id);
        const next = (list ?? []).filter((x) => x.id !== thread.id);
        return [...next, { ...thread, unreadCount: old?.unreadCount ?? 0 }].sort(byActivity);
      });
    };
    const stops = [
      onGroupEvent(groupId, ['thread.created', 'thread.updated', 'thread.pinned', 'recommendation.closed'], upsert),
      // Before the list is there, the snapshot will carry the new counts.
      onGroupEvent(groupId, ['message.created'], (message) =>
        setThreads(
          (list) =>
            list
              ?.map((x) =>
                x.id === message.threadId
                  ? {
                      ...x,
                      messageCount: x.messageCount + 1,
                      lastActivityAt: message.createdAt,
                      unreadCount: x.unreadCount + (message.author?.id === me ? 0 : 1),
                    }
                  : x,
              )
              .sort(byActivity) ?? null,
        ),
      ),
      onResync((id) => id === groupId && setGeneration((g) => g + 1)),
    ];
    return () => stops.forEach((stop) => stop());
  }, [groupId, generation, me]);

  return (
    <Page title={t('threads.title')} heading={t('threads.title')}>
      <ErrorNote error={error} />
      {threads === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : threads.length === 0 ? (
        <p class="muted">{t('threads.none')}</p>
      ) : (
        <ul class="card-list" data-testid="thread-list">
          {threads.map((thread) => (
            <li key={thread.id} class="card thread-card">
              <h2>
                <Link href={`/groups/${group.id}/threads/${thread.id}`} dir="auto">
                  {thread.title}
                </Link>
                {thread.unreadCount > 0 && <span class="badge">{tn('groups.unread', thread.unreadCount)}</span>}
              </h2>
              <p class="meta">
                {thread.pinned && <span class="tag">{t('threads.pinned')}</span>}
                {thread.kind === 'recommendation' && (
                  <span class="tag tag-recommendation">{t('threads.recommendation')}</span>
                )}
                {thread.status !== 'open' && (
                  <span class="tag">{t(thread.status === 'closed' ? 'threads.closed' : 'threads.resolved')}</span>
                )}
                <span>{tn('threads.messages', thread.messageCount)}</span> · <Time iso={thread.lastActivityAt} />
                <Objectives list={thread.objectives} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <NewThread groupId={groupId} />}
    </Page>
  );
}

function NewThread({ groupId }: { groupId: string }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'discussion' | 'recommendation'>('discussion');
  const [proposal, setProposal] = useState('');
  const [body, setBody] = useState('');
  const [objectives, setObjectives] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const files = useFileDraft(groupId);
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (files.busy) return;
    try {
      const thread = await createThread(groupId, {
        title: title.trim(),
        kind,
        ...(kind === 'recommendation' ? { proposal: proposal.trim() } : {}),
        ...(body.trim() ? { body: body.trim() } : {}),
        ...(objectives.length ? { objectives } : {}),
        // The files go with the proposal: a recommendation's supporting documents.
        ...(kind === 'recommendation' && files.ids.length ? { attachmentIds: files.ids } : {}),
      });
      files.clear();
      navigate(`/groups/${groupId}/threads/${thread.id}`);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <details class="card">
      <summary>{t('threads.new')}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <Field id="thread-title" label={t('threads.titleLabel')} error={errors.title}>
          <input
            {...described('thread-title', errors.title)}
            required
            dir="auto"
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </Field>
        <fieldset>
          <legend>{t('threads.kind')}</legend>
          <label class="choice">
            <input type="radio" name="kind" checked={kind === 'discussion'} onChange={() => setKind('discussion')} />{' '}
            {t('threads.discussion')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'recommendation'}
              onChange={() => setKind('recommendation')}
            />{' '}
            {t('threads.recommendation')}
          </label>
        </fieldset>
        {kind === 'recommendation' && (
          <Field id="thread-proposal" label={t('threads.proposal')} error={errors.proposal}>
            <textarea
              {...described('thread-proposal', errors.proposal)}
              rows={4}
              dir="auto"
              value={proposal}
              onInput={(e) => setProposal(e.currentTarget.value)}
            />
          </Field>
        )}
        {kind === 'recommendation' && (
          <DropZone draft={files}>
            <AttachButton draft={files} describedBy="thread-proposal-files-hint" />
            <p id="thread-proposal-files-hint" class="hint">
              {t('files.dropHint')}
            </p>
            <PendingChips draft={files} />
          </DropZone>
        )}
        <Field id="thread-body" label={t('threads.firstMessage')} error={errors.body}>
          <textarea
            {...described('thread-body', errors.body)}
            rows={3}
            dir="auto"
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </Field>
        <ObjectivesPicker id="thread-objectives" value={objectives} onChange={setObjectives} />
        <ErrorNote error={Object.keys(errors).length ? null : error} />
        <button type="submit" class="button-primary" disabled={files.busy}>
          {t('threads.create')}
        </button>
      </form>
    </details>
  );
}
