import { useState } from 'preact/hooks';
import { updateThread } from '../../api/threads';
import type { ThreadDto } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { useGroup } from '../groups/group-context';

/** Pinning (facilitators) and resolving a discussion (its author or a facilitator). */
export function ThreadTools({ thread, onChange }: { thread: ThreadDto; onChange: (thread: ThreadDto) => void }) {
  const { canManage, canWrite } = useGroup();
  const [error, setError] = useState<unknown>(null);
  const mine = thread.author?.id === currentUser.value?.id;
  const change = (body: Parameters<typeof updateThread>[1]) => updateThread(thread.id, body).then(onChange, setError);
  const canResolve = thread.kind === 'discussion' && canWrite && (mine || canManage);
  if (!canManage && !canResolve) return null;
  return (
    <>
      {canManage && (
        <button type="button" class="button-quiet" onClick={() => void change({ pinned: !thread.pinned })}>
          {thread.pinned ? t('thread.unpin') : t('thread.pin')}
        </button>
      )}
      {canResolve && (
        <button
          type="button"
          class="button-quiet"
          onClick={() => void change({ status: thread.status === 'resolved' ? 'open' : 'resolved' })}
        >
          {thread.status === 'resolved' ? t('thread.reopen') : t('thread.resolve')}
        </button>
      )}
      <ErrorNote error={error} />
    </>
  );
}
