import { useEffect, useState } from 'preact/hooks';
import { listMembers } from '../../api/groups';
import type { SearchFilters } from '../../api/threads';
import type { MemberDto, SearchKind } from '../../api/server-types';
import { groups } from '../../live/groups';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';
import { setQuery } from '../../router';

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
      <label>
        {t('search.group')}
        <select
          value={filters.groupId ?? ''}
          onChange={(e) => setQuery({ group: e.currentTarget.value, author: null })}
        >
          <option value="">{t('search.allGroups')}</option>
          {(groups.value ?? []).map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.kind')}
        <select value={filters.kind ?? ''} onChange={(e) => setQuery({ kind: e.currentTarget.value })}>
          <option value="">{t('search.allKinds')}</option>
          {SEARCH_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindText(kind)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('search.author')}
        <select
          value={filters.authorId ?? ''}
          disabled={!filters.groupId}
          title={filters.groupId ? undefined : t('search.authorNeedsGroup')}
          onChange={(e) => setQuery({ author: e.currentTarget.value })}
        >
          <option value="">{t('filters.any')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </select>
      </label>
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
