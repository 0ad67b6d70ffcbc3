import { useEffect, useState } from 'preact/hooks';
import { actionHistory, getAction, listComments, updateAction } from '../../api/actions';
import { ApiError } from '../../api/http';
import type { ActionChangeDto, ActionCommentDto, ActionItemDto } from '../../api/server-types';
import { onGroupEvent } from '../../live/feed';
import { formatList, t } from '../../i18n/i18n';
import { navigate } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { Objectives } from '../../ui/objectives-picker';
import { Page } from '../../ui/page';
import { useGroup } from '../groups/group-context';
import { ActionMeta } from './action-card';
import { ActionForm } from './action-form';
import { ActionComments } from './action-comments';
import { ActionHistory } from './action-history';
import { statusText } from './action-text';
import { canMove, isResponsible } from './action-permissions';
import { StatusControl } from './status-control';
import { FileList } from '../files/file-card';
import { ProgressPanel } from './progress-panel';
import { CheckIns } from './check-ins';

/** `/actions/:id` (links from notifications): finds the item's group and goes to its page there. */
export function ActionRedirect({ actionId }: { actionId: string }) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getAction(actionId).then(
      (item) => navigate(`/groups/${item.groupId}/actions/${item.id}`, { replace: true }),
      setError,
    );
  }, [actionId]);
  return error ? <ErrorNote error={error} /> : <p role="status">{t('common.loading')}</p>;
}

export function ActionDetail({ groupId, actionId }: { groupId: string; actionId: string }) {
  const group = useGroup();
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
            <p>
              {t('action.statusReason')}: <bdi>{item.statusReason}</bdi>
            </p>
          )}
          <ActionMeta item={item} />
          {item.supportingOrganizations.length > 0 && (
            <p>
              {t('action.supporting')}: <bdi>{formatList(item.supportingOrganizations.map((o) => o.name))}</bdi>
            </p>
          )}
          <Objectives list={item.objectives} />
          {item.source && (
            <p>
              {t('action.source')}:{' '}
              <Link
                href={`/groups/${groupId}/threads/${item.source.threadId}${item.source.type === 'message' ? `?message=${item.source.id}` : ''}`}
                dir="auto"
              >
                {item.source.title}
              </Link>
            </p>
          )}
          {item.description && (
            <p class="description" dir="auto">
              {item.description}
            </p>
          )}
          <FileList files={item.attachments} />
          {canMove(item, group) && <StatusControl item={item} onChange={keep} />}
          {group.canManage &&
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
                      throw new Error(t('action.conflict'), { cause: failure });
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
        <ProgressPanel item={item} onChange={keep} />
        <ActionComments
          actionId={actionId}
          canReport={group.canManage || (group.canWrite && isResponsible(item))}
          comments={comments}
          onAdded={(c) => setComments((list) => (list.some((x) => x.id === c.id) ? list : [...list, c]))}
        />
        <ActionHistory history={history} />
        <CheckIns item={item} />
      </div>
    </Page>
  );
}
