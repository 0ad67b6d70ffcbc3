import { useEffect, useState } from 'preact/hooks';
import { listMembers } from '../../api/groups';
import type { SearchFilters } from '../../api/threads';
import type { MemberDto, SearchKind } from '../../api/server-types';
import { groups } from '../../live/groups';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';
import { setQuery } from '../../router';
import { SelectFilter } from '../../ui/select-filter';

/** Every kind of text search finds, in the order the filter offers them. */
export const SEARCH_KINDS: SearchKind[] = [
  'message',
  'thread',
  'outcome',
  'position',
  'action-item',
  'action-item-comment',
  'file',
];

const KIND_KEYS: Record<SearchKind, MessageKey> = {
  message: 'search.kind.message',
  thread: 'search.kind.thread',
  outcome: 'search.kind.outcome',
  position: 'search.kind.position',
  'action-item': 'search.kind.actionItem',
  'action-item-comment': 'search.kind.actionItemComment',
  file: 'search.kind.file',
};

export const kindText = (kind: SearchKind) => t(KIND_KEYS[kind]);

/** The filters live in the address (`group`, `kind`, `author`, `from`, `to`), like the words. */
export function searchFiltersFrom(query: URLSearchParams): SearchFilters {
  const kind = query.get('kind') as SearchKind | null;
  return {
    groupId: query.get('group') || undefined,
    kind: kind && SEARCH_KINDS.includes(kind) ? kind : undefined,
    authorId: query.get('author') || undefined,
    from: query.get('from') || undefined,
    to: query.get('to') || undefined,
  };
}

/** Group, kind, author (among the chosen group's members) and a date range; each applies as it changes. */
export function SearchFiltersForm({ filters }: { filters: SearchFilters }) {
  const [members, setMembers] = useState<MemberDto[]>([]);
  useEffect(() => {
    if (!filters.groupId) return setMembers([]);
    let live = true;
    listMembers(filters.groupId).then(
      (loaded) => live && setMembers(loaded),
      () => live && setMembers([]),
    );
    return () => {
      live = false;
    };
  }, [filters.groupId]);

  return (
    <form class="filters" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      <SelectFilter
        label={t('search.group')}
        value={filters.groupId}
        choices={(groups.value ?? []).map((g) => ({ value: g.id, label: g.name }))}
        onChange={(value) => setQuery({ group: value, author: null })}
        anyLabel={t('search.allGroups')}
      />
      <SelectFilter
        label={t('search.kind')}
        value={filters.kind}
        choices={SEARCH_KINDS.map((kind) => ({ value: kind, label: kindText(kind) }))}
        onChange={(value) => setQuery({ kind: value })}
        anyLabel={t('search.allKinds')}
      />
      <SelectFilter
        label={t('search.author')}
        value={filters.authorId}
        choices={members.map((m) => ({ value: m.userId, label: m.displayName }))}
        onChange={(value) => setQuery({ author: value })}
        disabled={!filters.groupId}
        title={filters.groupId ? undefined : t('search.authorNeedsGroup')}
      />
      <label>
        {t('search.from')}
        <input type="date" value={filters.from ?? ''} onInput={(e) => setQuery({ from: e.currentTarget.value })} />
      </label>
      <label>
        {t('search.to')}
        <input type="date" value={filters.to ?? ''} onInput={(e) => setQuery({ to: e.currentTarget.value })} />
      </label>
    </form>
  );
}
