import { api } from './http';
import type { CheckInDto } from './server-types';

/** A check-in to schedule: of one action item or of an organization's items (exactly one), every N days. */
export interface CheckInDraft {
  actionItemId?: string;
  organizationId?: string;
  everyDays: number;
  /** YYYY-MM-DD; today when left out. */
  firstDate?: string;
}

export const listCheckIns = (groupId: string) => api<CheckInDto[]>('GET', `/groups/${groupId}/check-ins`);
export const scheduleCheckIn = (groupId: string, draft: CheckInDraft) =>
  api<CheckInDto>('POST', `/groups/${groupId}/check-ins`, draft);
export const stopCheckIn = (id: string) => api<void>('DELETE', `/check-ins/${id}`);
