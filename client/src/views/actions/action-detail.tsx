import { useEffect, useState } from 'preact/hooks';
import { actionHistory, addComment, getAction, listComments, updateAction } from '../../api/actions';
import { ApiError } from '../../api/http';
import type { ActionChangeDto, ActionCommentDto, ActionItemDto } from '../../api/server-types';
import { onGroupEvent } from '../../live/feed';
import { formatDateTime, formatList, t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { described, ErrorNote, Field } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { Objectives } from '../../ui/objectives-picker';
import { Page } from '../../ui/page';
import { SafeHtml } from '../../ui/safe-html';
import { useGroup } from '../groups/group-context';
import { Time } from '../threads/message-item';
import { ActionMeta } from './action-card';
import { ActionForm } from './action-form';
import { fieldText, statusText } from './action-text';
import { StatusControl } from './status-control';

/** `/actions/:id` (links from notifications): finds the item's group and goes to its page there. */
export function ActionRedirect({ actionId }: { actionId: string }) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getAction(actionId).then((item) => navigate(`/groups/${item.groupId}/actions/${item.id}`, { replace: true }), setError);
  }, [actionId]);
  return error ? <ErrorNote error={error} /> : <p role="status">{t('common.loading')}</p>;
}

export function ActionDetail({ groupId, actionId }: { groupId: string; actionId: string }) {
  const { canWrite } = useGroup();
  const [item, setItem] = useState<ActionItemDto | null>(null);
  const [history, setHistory] = useState<ActionChangeDto[]>([]);
  const [comments, setComments] = useState<ActionCommentDto[]>([]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const keep = (next: ActionItemDto) => {
    setItem((current) => (current && current.version > next.version ? current : next));
    actionHistory(actionId).then(setHistory, () => undefined);
  };

  useEffect(() => {
    setError(null);
    Promise.all([getAction(actionId), actionHistory(actionId), listComments(actionId)]).then(([i, h, c]) => {
      setItem(i);
      setHistory(h);
      setComments(c);
    }, setError);
    const stops = [
      onGroupEvent(groupId, ['action.updated'], (updated) => updated.id === actionId && keep(updated)),
      onGroupEvent(groupId, ['action.commented'], (comment) => {
        if (comment.actionItemId !== actionId) return;
        setComments((list) => (list.some((c) => c.id === comment.id) ? list : [...list, comment]));
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [groupId, actionId]);

  if (error && !item) return <ErrorNote error={error} />;
  if (!item) return <p role="status">{t('common.loading')}</p>;

  return (
    <Page
      title={item.title}
      actions={
        <Link href={`/groups/${groupId}/actions`} class="button-quiet">
          <Icon name="back" /> {t('action.backToBoard')}
        </Link>
      }
    >
      <div class="detail-grid">
        <section class="card" aria-labelledby="action-summary">
          <h2 id="action-summary">
            {t('action.status')}: <span data-testid="action-status">{statusText(item.status)}</span>
          </h2>
          {item.statusReason && (
            <p dir="auto">
              {t('action.statusReason')}: {item.statusReason}
            </p>
          )}
          <ActionMeta item={item} />
          {item.supportingOrganizations.length > 0 && (
            <p dir="auto">
              {t('action.supporting')}: {formatList(item.supportingOrganizations.map((o) => o.name))}
            </p>
          )}
          <Objectives list={item.objectives} />
          {item.source && (
            <p>
              {t('action.source')}:{' '}
              <Link href={`/groups/${groupId}/threads/${item.source.threadId}${item.source.type === 'message' ? `?message=${item.source.id}` : ''}`} dir="auto">
                {item.source.title}
              </Link>
            </p>
          )}
          {item.description && (
            <p class="description" dir="auto">
              {item.description}
            </p>
          )}
          {canWrite && <StatusControl item={item} onChange={keep} />}
          {canWrite &&
            (editing ? (
              <ActionForm
                item={item}
                submitLabel={t('common.save')}
                onCancel={() => setEditing(false)}
                onSubmit={async (draft) => {
                  try {
                    keep(await updateAction(item.id, item.version, draft));
                    setEditing(false);
                  } catch (failure) {
                    if (failure instanceof ApiError && failure.status === 409 && failure.body.current) {
                      keep(failure.body.current as ActionItemDto);
                      throw new Error(t('action.conflict'));
                    }
                    throw failure;
                  }
                }}
              />
            ) : (
              <button type="button" class="button-quiet" onClick={() => setEditing(true)}>
                {t('action.edit')}
              </button>
            ))}
        </section>
        <Comments actionId={actionId} comments={comments} onAdded={(c) => setComments((list) => (list.some((x) => x.id === c.id) ? list : [...list, c]))} />
        <section class="card" aria-labelledby="action-history">
          <h2 id="action-history">{t('action.history')}</h2>
          {history.length === 0 ? (
            <p class="muted">{t('action.noHistory')}</p>
          ) : (
            <ol class="history-list">
              {history.map((change, i) => (
                <li key={`${change.at}-${i}`}>
                  <strong dir="auto">{change.actor?.displayName ?? t('message.unknownAuthor')}</strong> · {fieldText(change.field)}:{' '}
                  <span dir="auto">{show(change.before, change.field)}</span> → <span dir="auto">{show(change.after, change.field)}</span>{' '}
                  <span class="muted">{formatDateTime(change.at)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Page>
  );
}

/** History values are whatever the field held: text, ids, lists, objects with a name. Shown as text. */
function show(value: unknown, field: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return statusText(value as ActionItemDto['status']);
  if (Array.isArray(value)) return value.map((v) => show(v, '')).join(', ');
  if (typeof value === 'object') {
    const named = value as { name?: string; displayName?: string; title?: string };
    return named.name ?? named.displayName ?? named.title ?? JSON.stringify(value);
  }
  return String(value);
}

function Comments({
  actionId,
  comments,
  onAdded,
}: {
  actionId: string;
  comments: ActionCommentDto[];
  onAdded: (comment: ActionCommentDto) => void;
}) {
  const { canWrite } = useGroup();
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'comment' | 'progress'>('comment');
  const [error, setError] = useState<unknown>(null);
  return (
    <section class="card" aria-labelledby="action-comments">
      <h2 id="action-comments">{t('action.comments')}</h2>
      {comments.length === 0 ? (
        <p class="muted">{t('action.noComments')}</p>
      ) : (
        <ol class="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} class={comment.kind === 'progress' ? 'comment progress' : 'comment'}>
              <p class="meta">
                <strong dir="auto">{comment.author?.displayName ?? t('message.unknownAuthor')}</strong>{' '}
                {comment.kind === 'progress' && <span class="tag">{t('action.progressNote')}</span>} <Time iso={comment.createdAt} />
              </p>
              <SafeHtml html={comment.bodyHtml} />
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!body.trim()) return;
            setError(null);
            addComment(actionId, body.trim(), kind).then((comment) => {
              onAdded(comment);
              setBody('');
            }, setError);
          }}
        >
          <Field id="comment-body" label={t('action.addComment')}>
            <textarea {...described('comment-body')} rows={3} dir="auto" value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          </Field>
          <fieldset>
            <legend>{t('action.commentKind')}</legend>
            <label class="choice">
              <input type="radio" name="comment-kind" checked={kind === 'comment'} onChange={() => setKind('comment')} /> {t('action.comment')}
            </label>
            <label class="choice">
              <input type="radio" name="comment-kind" checked={kind === 'progress'} onChange={() => setKind('progress')} /> {t('action.progressNote')}
            </label>
          </fieldset>
          <ErrorNote error={error} />
          <button type="submit" class="button-primary" disabled={!body.trim()}>
            {t('action.post')}
          </button>
        </form>
      )}
    </section>
  );
}
