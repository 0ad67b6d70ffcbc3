import { api } from './http';
import type { ActionItemDto, ClaimDto, LedgerDto, MilestoneDto, ProgressRollUpDto, TimelineDto } from './server-types';

/** Progress, milestones, claims and their verification, the ledger and a recommendation's timeline. */
export const groupProgress = (groupId: string) => api<ProgressRollUpDto>('GET', `/groups/${groupId}/progress`);
/** The whole workspace's roll-up (the admin's), with a row per group. */
export const workspaceProgress = () => api<ProgressRollUpDto>('GET', '/progress');

export const listMilestones = (actionId: string) => api<MilestoneDto[]>('GET', `/actions/${actionId}/milestones`);
export const addMilestone = (actionId: string, title: string, dueDate?: string) =>
  api<MilestoneDto>('POST', `/actions/${actionId}/milestones`, dueDate ? { title, dueDate } : { title });
export const updateMilestone = (id: string, changes: { title?: string; dueDate?: string | null; done?: boolean }) =>
  api<MilestoneDto>('PATCH', `/milestones/${id}`, changes);
export const removeMilestone = (id: string) => api<void>('DELETE', `/milestones/${id}`);

/** Newest first. */
export const listClaims = (actionId: string) => api<ClaimDto[]>('GET', `/actions/${actionId}/claims`);
export const addClaim = (actionId: string, percent: number, body: string, attachmentIds: string[] = []) =>
  api<ClaimDto>('POST', `/actions/${actionId}/claims`, {
    percent,
    body,
    ...(attachmentIds.length ? { attachmentIds } : {}),
  });
/** Takes no body, like archiving a group. */
export const verifyClaim = (id: string) => api<ClaimDto>('POST', `/claims/${id}/verify`);
export const returnClaim = (id: string, reason: string) => api<ClaimDto>('POST', `/claims/${id}/return`, { reason });

export const setWeight = (actionId: string, weight: number) =>
  api<ActionItemDto>('PUT', `/actions/${actionId}/weight`, { weight });

export const groupLedger = (groupId: string) => api<LedgerDto>('GET', `/groups/${groupId}/ledger`);
export const organizationLedger = (groupId: string, organizationId: string) =>
  api<LedgerDto>('GET', `/groups/${groupId}/ledger/${organizationId}`);

export const threadTimeline = (threadId: string) => api<TimelineDto>('GET', `/threads/${threadId}/timeline`);
