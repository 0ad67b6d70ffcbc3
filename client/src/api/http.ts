import type { ErrorResponse } from './server-types';
import { locale } from '../i18n/i18n';
import { noteServerDate } from '../ui/clock';
import { enrolmentRequired, session } from './session';

/** An answer other than 2xx, carrying the API's one error shape (and, for a stale write, the current item). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorResponse & { current?: unknown },
  ) {
    super(body.message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
  // The server says its errors (and anything else it words) in the language the client shows.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale.value };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  noteServerDate(res.headers.get('Date'));
  return res;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: ErrorResponse = { statusCode: res.status, error: res.statusText, message: res.statusText };
  try {
    body = (await res.json()) as ErrorResponse;
  } catch {
    // Not JSON (a proxy's error page): keep the status line.
  }
  return new ApiError(res.status, body);
}

/** Calls the API with the session's bearer token; an expired token is refreshed once and the call retried. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body, session.accessToken());
  if (res.status === 401 && session.accessToken()) {
    if (await session.refresh()) res = await send(method, path, body, session.accessToken());
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (error.body.code === 'two-factor-required') enrolmentRequired.value = true;
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Calls the API for a plain-text answer (a written email): the same token and refresh, never parsed as JSON. */
export async function apiText(path: string): Promise<string> {
  let res = await send('GET', path, undefined, session.accessToken());
  if (res.status === 401 && session.accessToken()) {
    if (await session.refresh()) res = await send('GET', path, undefined, session.accessToken());
  }
  if (!res.ok) throw await errorOf(res);
  return res.text();
}

/** For the few public endpoints (login, register, organizations): no token, no refresh. */
export async function publicApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body, null);
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/**
 * Downloads a protected file (the CSV export): a plain link cannot carry the bearer token. The file is written in
 * the language this client shows, whatever the browser's own languages are.
 */
export async function download(path: string, filename: string): Promise<void> {
  const token = session.accessToken();
  const headers: Record<string, string> = { 'Accept-Language': locale.value };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`/api${path}`, { headers });
  if (!res.ok) throw await errorOf(res);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every page of a cursor-paginated list; the lists this client reads whole are small (groups, threads, items). */
export async function allPages<T>(path: string, query: Query = {}, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const answer: { items: T[]; nextCursor: string | null } = await api(
      'GET',
      withQuery(path, { ...query, cursor, limit: 100 }),
    );
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}
