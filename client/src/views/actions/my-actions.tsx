import { useEffect } from 'preact/hooks';
import { myActions } from '../../api/actions';
import type { ActionStatus } from '../../api/server-types';
import { currentUser } from '../../api/session';
import { onFeed, onResync } from '../../live/feed';
import { groups } from '../../live/groups';
import { formatNumber, t } from '../../i18n/i18n';
import { location, setQuery } from '../../router';
import { now } from '../../ui/clock';
import { ErrorNote } from '../../ui/form';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { ActionMeta, ActionTitle } from './action-card';
import { STATUSES, statusText } from './action-text';
import { SelectFilter } from '../../ui/select-filter';
import {
  arrange,
  DUE_FILTERS,
  PARTS,
  upsertMine,
  type DueFilter,
  type MyActionFilters,
  type Part,
} from './my-actions-list';

const PART_TEXT: Record<Part, () => string> = {
  lead: () => t('myActions.lead'),
  support: () => t('myActions.support'),
  created: () => t('myActions.created'),
};
const DUE_TEXT: Record<DueFilter, () => string> = {
  overdue: () => t('myActions.dueOverdue'),
  week: () => t('myActions.dueWeek'),
  none: () => t('myActions.dueNone'),
};

/** The filters live in the address, like the group's action list. */
function filtersFrom(query: URLSearchParams): MyActionFilters {
  const status = query.get('status') as ActionStatus | null;
  const due = query.get('due') as DueFilter | null;
  return {
    status: status && STATUSES.includes(status) ? status : undefined,
    groupId: query.get('group') ?? undefined,
    due: due && DUE_FILTERS.includes(due) ? due : undefined,
  };
}

/**
 * Everything the signed-in user has a part in, across groups: split into the items they lead, support and created,
 * overdue first; filtered by status, group and due date; live (an assignment shows up without a reload).
 */
export function MyActions() {
  const items = useLoad(myActions, []);
  const user = currentUser.value;
  const me = { id: user?.id ?? '', organizationId: user?.organization?.id ?? null };
  const filters = filtersFrom(location.value.query);
  const myGroups = groups.value;

  useEffect(() => {
    const stops = [
      onFeed((event) => {
        if (event.type !== 'action.created' && event.type !== 'action.updated') return;
        const item = event.data;
        items.set((list) => (list ? upsertMine(list, item, me) : list));
      }),
      onResync(() => void items.reload()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [me.id, me.organizationId]);

  // A group just left takes its items with it.
  const visible = (items.data ?? []).filter((item) => !myGroups || myGroups.some((g) => g.id === item.groupId));
  const today = new Date(now.value).toISOString().slice(0, 10);
  const parts = arrange(visible, me, filters, today);
  const shown = PARTS.filter((part) => parts[part].length > 0);
  const groupName = (id: string) => myGroups?.find((g) => g.id === id)?.name ?? '';

  return (
    <Page title={t('myActions.title')}>
      <form class="filters" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          label={t('action.status')}
          value={filters.status}
          choices={STATUSES.map((s) => ({ value: s, label: statusText(s) }))}
          onChange={(value) => setQuery({ status: value })}
        />
        <SelectFilter
          label={t('myActions.group')}
          value={filters.groupId}
          choices={(myGroups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          onChange={(value) => setQuery({ group: value })}
        />
        <SelectFilter
          label={t('myActions.due')}
          value={filters.due}
          choices={DUE_FILTERS.map((d) => ({ value: d, label: DUE_TEXT[d]() }))}
          onChange={(value) => setQuery({ due: value })}
        />
      </form>
      <ErrorNote error={items.error} />
      {items.loading && !items.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p class="muted">{visible.length === 0 ? t('myActions.none') : t('myActions.noMatch')}</p>
      ) : (
        <div data-testid="my-actions">
          {shown.map((part) => (
            <section key={part} class="my-actions-part" aria-labelledby={`my-actions-${part}`} data-part={part}>
              <h2 id={`my-actions-${part}`}>
                {PART_TEXT[part]()} <span class="count">({formatNumber(parts[part].length)})</span>
              </h2>
              <ul class="card-list">
                {parts[part].map((item) => (
                  <li key={item.id} class="card" data-action-id={item.id}>
                    <h3>
                      <ActionTitle item={item} />
                    </h3>
                    <p class="meta">
                      <span class="tag">{statusText(item.status)}</span>
                      <span dir="auto">{groupName(item.groupId)}</span>
                    </p>
                    <ActionMeta item={item} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Page>
  );
}
