import { allPages, api, download, withQuery } from './http';
import type {
  ActionChangeDto,
  ActionCommentDto,
  ActionItemDto,
  ActionStatus,
  Priority,
  ProgressReport,
} from './server-types';

/** The query of the group's action list; the board and the list share it (and keep it in the address). */
export interface ActionFilters {
  status?: ActionStatus;
  leadOrganizationId?: string;
  focalPersonId?: string;
  overdue?: boolean;
  dueBefore?: string;
  objective?: number;
  sourceId?: string;
  sort?: 'due' | 'created';
}

export interface ActionDraft {
  title: string;
  description?: string;
  sourceType?: 'recommendation' | 'message';
  sourceId?: string;
  leadOrganizationId?: string | null;
  supportingOrganizationIds?: string[];
  focalPersonId?: string | null;
  dueDate?: string | null;
  priority?: Priority;
  objectives?: number[];
  /** Files uploaded for this write (≤ 10), attached to the item by it. */
  attachmentIds?: string[];
}

export const listActions = (groupId: string, filters: ActionFilters = {}) =>
  allPages<ActionItemDto>(`/groups/${groupId}/actions`, { ...filters });
export const myActions = () => allPages<ActionItemDto>('/me/actions');
export const getAction = (id: string) => api<ActionItemDto>('GET', `/actions/${id}`);
export const createAction = (groupId: string, draft: ActionDraft) =>
  api<ActionItemDto>('POST', `/groups/${groupId}/actions`, draft);
/** 409 when `version` is stale: the error body carries `current`, the item as it is now. */
export const updateAction = (
  id: string,
  version: number,
  changes: Partial<Omit<ActionDraft, 'sourceType' | 'sourceId'>> & { status?: ActionStatus; statusReason?: string },
) => api<ActionItemDto>('PATCH', `/actions/${id}`, { version, ...changes });
export const actionHistory = (id: string) => api<ActionChangeDto[]>('GET', `/actions/${id}/history`);
export const listComments = (id: string) => api<ActionCommentDto[]>('GET', `/actions/${id}/comments`);
/** A progress note may carry files, its evidence (`attachmentIds`). */
export const addComment = (id: string, body: string, kind: 'comment' | 'progress', attachmentIds: string[] = []) =>
  api<ActionCommentDto>('POST', `/actions/${id}/comments`, {
    body,
    kind,
    ...(attachmentIds.length ? { attachmentIds } : {}),
  });
/** A report's period: days (YYYY-MM-DD), either end open. */
export interface ReportPeriod {
  from?: string;
  to?: string;
}
export const groupReport = (groupId: string, period: ReportPeriod = {}) =>
  api<ProgressReport>('GET', withQuery(`/groups/${groupId}/report`, { ...period }));
/** The whole workspace's report: the admin only. */
export const workspaceReport = (period: ReportPeriod = {}) =>
  api<ProgressReport>('GET', withQuery('/report', { ...period }));
/** Where a report is read: a group's, or (no group) the workspace's. */
export const reportPath = (groupId?: string) => (groupId ? `/groups/${groupId}/report` : '/report');
export const exportActionsCsv = (groupId: string) =>
  download(`/groups/${groupId}/actions.csv`, `action-items-${groupId}.csv`);
