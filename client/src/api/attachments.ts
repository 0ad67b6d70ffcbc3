import { locale } from '../i18n/i18n';
import { api, ApiError, withQuery } from './http';
import type { AttachmentDto, ErrorResponse, FileKind } from './server-types';
import { session } from './session';

/** What the Files view narrows by; empty values are left out of the query. */
export interface FileFilters {
  kind?: FileKind;
  threadId?: string;
  actionItemId?: string;
  uploaderId?: string;
  q?: string;
}

export interface FilePage {
  items: AttachmentDto[];
  nextBefore: string | null;
}

export type LinkVariant = 'file' | 'thumbnail';

/** A short-lived signed address of a file or its thumbnail: relative (`/api/files/<token>/<name>`). */
export interface SignedLink {
  url: string;
  expiresAt: string;
}

export interface Upload {
  /** The stored file (place null: uploaded, not attached yet); rejects with an ApiError or an AbortError. */
  done: Promise<AttachmentDto>;
  abort: () => void;
}

export const FILE_PAGE_SIZE = 30;

export const listFiles = (groupId: string, filters: FileFilters = {}, before?: string | null) =>
  api<FilePage>('GET', withQuery(`/groups/${groupId}/attachments`, { ...filters, before, limit: FILE_PAGE_SIZE }));

export const getAttachment = (id: string) => api<AttachmentDto>('GET', `/attachments/${id}`);

/** Signed links for up to 100 files in one request (the server's limit); callers batch per screen. */
export const links = async (ids: string[], variant: LinkVariant = 'file') => {
  const answer = await api<{ links: Record<string, SignedLink> }>('POST', '/attachments/links', { ids, variant });
  // Only this origin's file addresses become an href or an img src, whatever an answer holds.
  return Object.fromEntries(Object.entries(answer.links).filter(([, link]) => link.url.startsWith('/api/files/')));
};

export const removeAttachment = (id: string) => api<void>('DELETE', `/attachments/${id}`);

/**
 * Uploads one file as multipart form data (part `file`). XMLHttpRequest rather than fetch: it reports upload
 * progress and aborts cleanly. Same headers as every other call (bearer token, the language shown), and the same
 * one retry after refreshing an expired token.
 */
export function upload(groupId: string, file: File, onProgress: (sent: number, total: number) => void): Upload {
  let current: XMLHttpRequest | null = null;
  let aborted = false;

  const attempt = (token: string | null) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', `/api/groups/${encodeURIComponent(groupId)}/attachments`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', locale.value);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      // A network failure reads as fetch's does (a TypeError), so the error texts say "no connection".
      xhr.onerror = () => reject(new TypeError('network error'));
      xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });

  const done = (async () => {
    let answer = await attempt(session.accessToken());
    if (answer.status === 401 && session.accessToken() && !aborted) {
      if (await session.refresh()) answer = await attempt(session.accessToken());
    }
    if (aborted) throw new DOMException('upload aborted', 'AbortError');
    if (answer.status >= 200 && answer.status < 300) return JSON.parse(answer.text) as AttachmentDto;
    throw new ApiError(answer.status, errorBody(answer.status, answer.text));
  })();

  return {
    done,
    abort: () => {
      aborted = true;
      current?.abort();
    },
  };
}

/** The API's error shape, or (a proxy's page, a body cut off at the size limit) one made from the status. */
function errorBody(status: number, text: string): ErrorResponse {
  try {
    const body = JSON.parse(text) as ErrorResponse;
    if (body && typeof body === 'object' && typeof body.statusCode === 'number') return body;
  } catch {
    // not JSON
  }
  return { statusCode: status, error: String(status), message: text.slice(0, 200) || String(status) };
}
