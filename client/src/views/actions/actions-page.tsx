import { useEffect, useState } from 'preact/hooks';
import { createAction, exportActionsCsv, listActions, type ActionFilters } from '../../api/actions';
import type { ActionItemDto } from '../../api/server-types';
import { onGroupEvent, onResync } from '../../live/feed';
import { t } from '../../i18n/i18n';
import { location, navigate, setQuery } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { useGroup } from '../groups/group-context';
import { ActionBoard } from './action-board';
import { ActionFiltersForm, filtersFrom } from './action-filters';
import { ActionForm } from './action-form';
import { ActionList } from './action-list';

/** Whether a live item still belongs in a filtered list, for the filters that can be decided here. */
function matches(item: ActionItemDto, f: ActionFilters): boolean {
  return (
    (!f.status || item.status === f.status) &&
    (!f.leadOrganizationId || item.leadOrganization?.id === f.leadOrganizationId) &&
    (!f.focalPersonId || item.focalPerson?.id === f.focalPersonId) &&
    (!f.overdue || item.overdue) &&
    (!f.dueBefore || (item.dueDate !== null && item.dueDate < f.dueBefore)) &&
    (!f.objective || item.objectives.includes(f.objective)) &&
    (!f.sourceId || item.source?.id === f.sourceId)
  );
}

/** The group's action items as a board (columns by status) or a filtered list; live. */
export function ActionsPage({ groupId }: { groupId: string }) {
  const { canManage } = useGroup();
  const query = location.value.query;
  const view = query.get('view') === 'list' ? 'list' : 'board';
  // The board shows every item; the list applies the filters.
  const filters: ActionFilters = view === 'list' ? filtersFrom(query) : {};
  const filterKey = JSON.stringify(filters);
  const [items, setItems] = useState<ActionItemDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const creating = query.get('new') === '1';
  const sourceType = query.get('sourceType');
  const sourceId = query.get('sourceId');
  const sourceThreadId = query.get('threadId') ?? undefined;

  useEffect(() => {
    let live = true;
    let loaded = false;
    // Items changed live while the list loads: merged into it (the higher version wins) once it is there.
    const early = new Map<string, ActionItemDto>();
    setItems(null);
    setError(null);
    listActions(groupId, filters).then(
      (list) => {
        if (!live) return;
        loaded = true;
        const merged = list.map((item) => {
          const newer = early.get(item.id);
          return newer && newer.version > item.version ? newer : item;
        });
        for (const item of early.values()) {
          if (!list.some((x) => x.id === item.id) && matches(item, filters)) merged.push(item);
        }
        setItems(merged);
      },
      (failure: unknown) => live && setError(failure),
    );
    const stops = [
      onGroupEvent(groupId, ['action.created', 'action.updated'], (item) => {
        if (loaded) upsert(item);
        else early.set(item.id, item);
      }),
      onResync((id) => id === groupId && setGeneration((g) => g + 1)),
    ];
    return () => {
      live = false;
      stops.forEach((stop) => stop());
    };
  }, [groupId, filterKey, generation]);

  function upsert(item: ActionItemDto) {
    setItems((list) => {
      if (!list) return list;
      const others = list.filter((x) => x.id !== item.id);
      const current = list.find((x) => x.id === item.id);
      // An older copy (a late push after our own save) never replaces a newer one.
      if (current && current.version > item.version) return list;
      if (!matches(item, filters)) return others;
      return current ? list.map((x) => (x.id === item.id ? item : x)) : [...others, item];
    });
  }

  return (
    <Page
      title={t('actions.title')}
      focusId={creating && canManage ? 'new-action-title' : undefined}
      actions={
        <>
          <div class="segmented" role="group" aria-label={t('actions.view')}>
            <Link href={`/groups/${groupId}/actions`} aria-current={view === 'board' ? 'page' : undefined}>
              {t('actions.board')}
            </Link>
            <Link href={`/groups/${groupId}/actions?view=list`} aria-current={view === 'list' ? 'page' : undefined}>
              {t('actions.list')}
            </Link>
          </div>
          <button type="button" class="button-quiet" onClick={() => exportActionsCsv(groupId).catch(setError)}>
            {t('actions.exportCsv')}
          </button>
        </>
      }
    >
      {canManage && (
        <details class="card" open={creating}>
          <summary>{t('actions.new')}</summary>
          <ActionForm
            source={
              sourceId && (sourceType === 'recommendation' || sourceType === 'message')
                ? { type: sourceType, id: sourceId, threadId: sourceThreadId }
                : undefined
            }
            submitLabel={t('actions.create')}
            onSubmit={async (draft) => {
              const item = await createAction(groupId, draft);
              upsert(item);
              if (creating) setQuery({ new: null, sourceType: null, sourceId: null, threadId: null });
              navigate(`/groups/${groupId}/actions/${item.id}`);
            }}
          />
        </details>
      )}
      {view === 'list' && <ActionFiltersForm filters={filters} />}
      <ErrorNote error={error} />
      {items === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : view === 'board' ? (
        <ActionBoard items={items} onChange={upsert} />
      ) : (
        <ActionList items={items} />
      )}
    </Page>
  );
}
