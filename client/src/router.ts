import { signal } from '@preact/signals';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const current = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
});

/** Where the app is; real paths through the History API (the server answers index.html for any of them). */
export const location = signal<Location>(current());

/** Set by every navigation (not the first load) so the page moves focus to its heading for screen readers. */
export const navigated = signal(0);

export function navigate(to: string, options: { replace?: boolean; keepFocus?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.value = current();
  if (!options.keepFocus) navigated.value++;
}

window.addEventListener('popstate', () => {
  location.value = current();
  navigated.value++;
});

/** Matches `/groups/:groupId/threads/:threadId` against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}/?$`).exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
}

/** Changes the query string without a new history entry (filters), keeping the path. */
export function setQuery(changes: Record<string, string | null>): void {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  navigate(`${window.location.pathname}${text ? `?${text}` : ''}`, { replace: true, keepFocus: true });
}
