import { api, withQuery } from './http';
import type {
  MessageDto,
  MessagePageDto,
  MessageVersionDto,
  Outcome,
  PositionValue,
  PositionsDto,
  ReactionsChangedDto,
  SearchHitDto,
  SearchKind,
  ThreadDto,
} from './server-types';

export const getThread = (id: string) => api<ThreadDto>('GET', `/threads/${id}`);
export const updateThread = (
  id: string,
  body: { title?: string; pinned?: boolean; status?: 'open' | 'resolved'; attachmentIds?: string[] },
) => api<ThreadDto>('PATCH', `/threads/${id}`, body);
export const markThreadRead = (id: string, messageId?: string) =>
  api<void>('PUT', `/threads/${id}/read`, messageId ? { messageId } : {});

export const listMessages = (threadId: string, page: { before?: string; after?: string; around?: string } = {}) =>
  api<MessagePageDto>('GET', withQuery(`/threads/${threadId}/messages`, { ...page, limit: 50 }));
export const editMessage = (id: string, body: string) => api<MessageDto>('PATCH', `/messages/${id}`, { body });
export const deleteMessage = (id: string) => api<MessageDto>('DELETE', `/messages/${id}`);
export const messageHistory = (id: string) => api<MessageVersionDto[]>('GET', `/messages/${id}/history`);
export const toggleReaction = (id: string, emoji: string) =>
  api<ReactionsChangedDto>('POST', `/messages/${id}/reactions`, { emoji });

export const getPositions = (threadId: string) => api<PositionsDto>('GET', `/threads/${threadId}/positions`);
export const takePosition = (threadId: string, position: PositionValue, reason?: string) =>
  api<PositionsDto>('PUT', `/threads/${threadId}/positions`, { position, ...(reason ? { reason } : {}) });
export const closeRecommendation = (
  threadId: string,
  body: { outcome: Outcome; statement: string; reviewDate?: string },
) => api<ThreadDto>('POST', `/threads/${threadId}/outcome`, body);

/** What GET /search narrows by, besides the words; empty values are left out. */
export interface SearchFilters {
  groupId?: string;
  kind?: SearchKind;
  authorId?: string;
  from?: string;
  to?: string;
}

export const search = (q: string, filters: SearchFilters = {}) =>
  api<SearchHitDto[]>('GET', withQuery('/search', { q, ...filters, limit: 50 }));
