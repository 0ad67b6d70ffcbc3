import { useEffect, useState } from 'preact/hooks';
import { search } from '../../api/threads';
import type { SearchHitDto } from '../../api/server-types';
import { groups } from '../../live/groups';
import { t, tn } from '../../i18n/i18n';
import { location, setQuery } from '../../router';
import { ErrorNote } from '../../ui/form';
import { Icon } from '../../ui/icons';
import { Link } from '../../ui/link';
import { Page } from '../../ui/page';
import { SafeHtml } from '../../ui/safe-html';
import { Time } from '../../ui/time';
import { kindText, SearchFiltersForm, searchFiltersFrom } from './search-filters';

/** Where a hit is read: the message in its thread, the discussion or recommendation, or the action item. */
export function hitHref(hit: SearchHitDto): string {
  if (hit.actionItemId) return `/groups/${hit.groupId}/actions/${hit.actionItemId}`;
  const messageId = hit.kind === 'message' ? hit.id : hit.file?.messageId;
  return `/groups/${hit.groupId}/threads/${hit.threadId}${messageId ? `?message=${messageId}` : ''}`;
}

/** Full-text search over the user's groups; the words and filters live in the address (`/search?q=…&group=…`). */
export function SearchPage() {
  const query = location.value.query;
  const q = query.get('q') ?? '';
  const filters = searchFiltersFrom(query);
  const filterKey = JSON.stringify(filters);
  const [text, setText] = useState(q);
  const [hits, setHits] = useState<SearchHitDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!q) return setHits(null);
    let live = true;
    setError(null);
    search(q, filters).then(
      (answer) => live && setHits(answer),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
    // filterKey stands for the filters: a new object on every render, the same values.
  }, [q, filterKey]);

  const groupName = (id: string) => groups.value?.find((g) => g.id === id)?.name ?? '';

  return (
    <Page title={t('search.title')}>
      <form
        role="search"
        class="form form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ q: text.trim() });
        }}
      >
        <div class="field grow">
          <label for="search-q">{t('search.label')}</label>
          <input id="search-q" type="search" dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button-primary">
          <Icon name="search" /> {t('search.button')}
        </button>
      </form>
      <SearchFiltersForm filters={filters} />
      <ErrorNote error={error} />
      {hits && (
        <>
          <p role="status">{tn('search.results', hits.length)}</p>
          <ul class="card-list" data-testid="search-results">
            {hits.map((hit) => (
              <li key={`${hit.kind}-${hit.id}-${hit.authorId ?? ''}`} class="card" data-kind={hit.kind}>
                <h2>
                  <Link href={hitHref(hit)} dir="auto">
                    {hit.title}
                  </Link>
                </h2>
                <SafeHtml kind="snippet" class="snippet" html={hit.snippetHtml} />
                <p class="meta">
                  {kindText(hit.kind)}
                  {hit.authorName && (
                    <>
                      {' · '}
                      <span dir="auto">{hit.authorName}</span>
                    </>
                  )}
                  {' · '}
                  <span dir="auto">{groupName(hit.groupId)}</span> · <Time iso={hit.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
