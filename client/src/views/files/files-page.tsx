import { useEffect, useState } from 'preact/hooks';
import { listActions } from '../../api/actions';
import { listFiles, type FileFilters } from '../../api/attachments';
import { listThreads } from '../../api/groups';
import type { ActionItemDto, AttachmentDto, MyThreadDto } from '../../api/server-types';
import { onGroupEvent, onResync } from '../../live/feed';
import { locale, t } from '../../i18n/i18n';
import { location, setQuery } from '../../router';
import { ErrorNote } from '../../ui/form';
import { announce } from '../../ui/live-region';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { useGroup } from '../groups/group-context';
import { FileCard } from './file-card';
import { kindLabel } from './file-format';
import { FILE_KIND_CHOICES, fileFiltersFrom, matchesFileFilters, mergeNewestFirst } from './file-filters';
import { markRemoved, removedFiles, watchRemovals } from './file-state';
import { SelectFilter } from '../../ui/select-filter';

/** The events whose DTO carries the files just attached (a message, a proposal, an action, a progress note). */
const CARRIERS = ['message.created', 'thread.updated', 'action.created', 'action.updated', 'action.commented'] as const;

/**
 * The group's Files: every attached file, newest first, filtered by type, discussion, action item, uploader and
 * name (all kept in the address), a page at a time; live as files are attached and removed.
 */
export function FilesPage({ groupId }: { groupId: string }) {
  const { members } = useGroup();
  const filters = fileFiltersFrom(location.value.query);
  const filterKey = JSON.stringify(filters);
  const [files, setFiles] = useState<AttachmentDto[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [threads, setThreads] = useState<MyThreadDto[]>([]);
  const [actions, setActions] = useState<ActionItemDto[]>([]);

  useEffect(() => {
    listThreads(groupId).then(setThreads, () => setThreads([]));
    listActions(groupId).then(setActions, () => setActions([]));
  }, [groupId]);

  useEffect(() => {
    watchRemovals();
    let live = true;
    // Files attached while the first page loads are merged into it once it is there.
    const early: AttachmentDto[] = [];
    setFiles(null);
    setError(null);
    listFiles(groupId, filters).then(
      (page) => {
        if (!live) return;
        setFiles(mergeNewestFirst(page.items, early));
        setNextBefore(page.nextBefore);
      },
      (failure: unknown) => live && setError(failure),
    );
    const stops = [
      onGroupEvent(groupId, [...CARRIERS], (data) => {
        const arrived = data.attachments.filter((file) => matchesFileFilters(file, filters));
        if (!arrived.length) return;
        setFiles((list) => {
          if (!list) {
            early.push(...arrived);
            return list;
          }
          const fresh = arrived.filter((file) => !list.some((shown) => shown.id === file.id));
          for (const file of fresh) announce(t('files.added', { name: file.name }));
          return mergeNewestFirst(list, arrived);
        });
      }),
      onGroupEvent(groupId, ['attachment.removed'], (removed) => {
        markRemoved(removed.id);
        setFiles((list) => list?.filter((file) => file.id !== removed.id) ?? list);
      }),
      // A deleted message takes its files with it, whether or not each removal is announced on its own.
      onGroupEvent(groupId, ['message.deleted'], (message) =>
        setFiles((list) => list?.filter((file) => file.messageId !== message.id) ?? list),
      ),
      onResync((id) => id === groupId && setGeneration((g) => g + 1)),
    ];
    return () => {
      live = false;
      stops.forEach((stop) => stop());
    };
  }, [groupId, filterKey, generation]);

  const loadMore = async () => {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await listFiles(groupId, filters, nextBefore);
      setFiles((list) => mergeNewestFirst(list ?? [], page.items));
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const removed = removedFiles.value;
  const shown = files?.filter((file) => !removed.has(file.id)) ?? null;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  return (
    <Page title={t('files.title')}>
      <FileFiltersForm filters={filters} threads={threads} actions={actions} members={members} />
      <ErrorNote error={error} />
      {shown === null ? (
        !error && <p role="status">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p class="muted">{filtered ? t('files.noneMatch') : t('files.none')}</p>
      ) : (
        <ul class="file-list files-page-list" aria-label={t('files.list')} data-testid="files-list">
          {shown.map((file) => (
            <li key={file.id}>
              <FileCard file={file} />
              <Where file={file} threads={threads} actions={actions} />
            </li>
          ))}
        </ul>
      )}
      {nextBefore && shown !== null && (
        <button type="button" class="button-quiet" disabled={loadingMore} onClick={() => void loadMore()}>
          {t('files.loadMore')}
        </button>
      )}
    </Page>
  );
}

/** Where a file was attached, linked: the discussion (at its message) or the action item. */
function Where({ file, threads, actions }: { file: AttachmentDto; threads: MyThreadDto[]; actions: ActionItemDto[] }) {
  if (!file.place) return null;
  const place = t(`files.place.${file.place}`);
  if (file.actionItemId) {
    const title = actions.find((a) => a.id === file.actionItemId)?.title;
    return (
      <p class="meta file-where">
        {place}:{' '}
        <Link href={`/groups/${file.groupId}/actions/${file.actionItemId}`} dir="auto">
          {title ?? place}
        </Link>
      </p>
    );
  }
  if (file.threadId) {
    const title = threads.find((x) => x.id === file.threadId)?.title;
    const at = file.messageId ? `?message=${file.messageId}` : '';
    return (
      <p class="meta file-where">
        {place}:{' '}
        <Link href={`/groups/${file.groupId}/threads/${file.threadId}${at}`} dir="auto">
          {title ?? place}
        </Link>
      </p>
    );
  }
  return null;
}

function FileFiltersForm({
  filters,
  threads,
  actions,
  members,
}: {
  filters: FileFilters;
  threads: MyThreadDto[];
  actions: ActionItemDto[];
  members: { userId: string; displayName: string }[];
}) {
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  return (
    <form
      class="filters"
      role="search"
      aria-label={t('files.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        setQuery({ q: q.trim() });
      }}
    >
      <SelectFilter
        label={t('files.filterKind')}
        value={filters.kind}
        choices={FILE_KIND_CHOICES.map((kind) => ({ value: kind, label: kindLabel(kind, locale.value) }))}
        onChange={(value) => setQuery({ kind: value })}
        anyLabel={t('files.anyKind')}
        testId="files-kind"
      />
      <SelectFilter
        label={t('files.filterThread')}
        value={filters.threadId}
        choices={threads.map((thread) => ({ value: thread.id, label: thread.title }))}
        onChange={(value) => setQuery({ thread: value })}
        anyLabel={t('files.anyThread')}
      />
      <SelectFilter
        label={t('files.filterAction')}
        value={filters.actionItemId}
        choices={actions.map((item) => ({ value: item.id, label: item.title }))}
        onChange={(value) => setQuery({ action: value })}
        anyLabel={t('files.anyAction')}
      />
      <SelectFilter
        label={t('files.filterUploader')}
        value={filters.uploaderId}
        choices={members.map((m) => ({ value: m.userId, label: m.displayName }))}
        onChange={(value) => setQuery({ uploader: value })}
        anyLabel={t('files.anyUploader')}
      />
      <label>
        {t('files.search')}
        <input type="search" dir="auto" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button-quiet">
        {t('files.searchButton')}
      </button>
    </form>
  );
}
