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

/** Full-text search over the user's groups; the query lives in the address (`/search?q=…&group=…`). */
export function SearchPage() {
  const q = location.value.query.get('q') ?? '';
  const groupId = location.value.query.get('group') ?? '';
  const [text, setText] = useState(q);
  const [scope, setScope] = useState(groupId);
  const [hits, setHits] = useState<SearchHitDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!q) return setHits(null);
    let live = true;
    setError(null);
    search(q, groupId || undefined).then(
      (answer) => live && setHits(answer),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [q, groupId]);

  const groupName = (id: string) => groups.value?.find((g) => g.id === id)?.name ?? '';

  return (
    <Page title={t('search.title')}>
      <form
        role="search"
        class="form form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery({ q: text.trim(), group: scope });
        }}
      >
        <div class="field grow">
          <label for="search-q">{t('search.label')}</label>
          <input id="search-q" type="search" dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="search-group">{t('search.group')}</label>
          <select id="search-group" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
            <option value="">{t('search.allGroups')}</option>
            {(groups.value ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button-primary">
          <Icon name="search" /> {t('search.button')}
        </button>
      </form>
      <ErrorNote error={error} />
      {hits && (
        <>
          <p role="status">{tn('search.results', hits.length)}</p>
          <ul class="card-list" data-testid="search-results">
            {hits.map((hit) => (
              <li key={`${hit.kind}-${hit.id}`} class="card">
                <h2>
                  <Link
                    href={`/groups/${hit.groupId}/threads/${hit.threadId}${hit.kind === 'message' ? `?message=${hit.id}` : ''}`}
                    dir="auto"
                  >
                    {hit.threadTitle}
                  </Link>
                </h2>
                <SafeHtml kind="snippet" class="snippet" html={hit.snippetHtml} />
                <p class="meta">
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
