import { allPages, api, withQuery } from './http';
import type {
  AuditEntryDto,
  CreatedInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  MemberDto,
  MyGroupDto,
  MyThreadDto,
  NotificationLevel,
  Role,
  ThreadDto,
} from './server-types';

export const listGroups = () => allPages<MyGroupDto>('/groups');
export const getGroup = (id: string) => api<MyGroupDto>('GET', `/groups/${id}`);
export const createGroup = (body: { name: string; purpose?: string; objectives?: number[] }) =>
  api<MyGroupDto>('POST', '/groups', body);
export const updateGroup = (id: string, body: { name?: string; purpose?: string; objectives?: number[] }) =>
  api<MyGroupDto>('PATCH', `/groups/${id}`, body);
export const archiveGroup = (id: string) => api<MyGroupDto>('POST', `/groups/${id}/archive`);
export const unarchiveGroup = (id: string) => api<MyGroupDto>('POST', `/groups/${id}/unarchive`);
/** One page of the group's audit log, newest first (facilitators and the admin). */
export const listAudit = (groupId: string, cursor: string | null) =>
  api<{ items: AuditEntryDto[]; nextCursor: string | null }>('GET', withQuery(`/groups/${groupId}/audit`, { cursor }));
export const leaveGroup = (id: string) => api<void>('POST', `/groups/${id}/leave`);

export const listMembers = (groupId: string) => allPages<MemberDto>(`/groups/${groupId}/members`);
export const changeRole = (groupId: string, userId: string, role: Role) =>
  api<MemberDto>('PATCH', `/groups/${groupId}/members/${userId}`, { role });
export const removeMember = (groupId: string, userId: string) =>
  api<void>('DELETE', `/groups/${groupId}/members/${userId}`);

export const listInvitations = (groupId: string) => allPages<InvitationDto>(`/groups/${groupId}/invitations`);
export const invite = (groupId: string, body: { email: string; role: Role; expiresInDays?: number }) =>
  api<CreatedInvitationDto>('POST', `/groups/${groupId}/invitations`, body);
/** A new link for an open or expired invitation (the old one stops working), emailed again unless told not to. */
export const renewInvitation = (id: string, sendEmail: boolean) =>
  api<CreatedInvitationDto>('POST', `/invitations/${id}/renew`, { sendEmail });
export const revokeInvitation = (id: string) => api<void>('DELETE', `/invitations/${id}`);
/**
 * Accepts with the secret token from the invitation link (never by the invitation's id). Answers the new
 * membership, which does not name its group: the caller finds the group by listing.
 */
/** Public: what the link opens (group, role, who invited), before signing in. */
export const previewInvitation = (token: string) =>
  api<InvitationPreviewDto>('GET', `/invitations/${encodeURIComponent(token)}`);
export const acceptInvitation = (token: string) =>
  api<MemberDto>('POST', `/invitations/${encodeURIComponent(token)}/accept`);

export const getPreference = (groupId: string) =>
  api<{ level: NotificationLevel }>('GET', `/groups/${groupId}/notification-preference`);
export const setPreference = (groupId: string, level: NotificationLevel) =>
  api<{ level: NotificationLevel }>('PUT', `/groups/${groupId}/notification-preference`, { level });

export const listThreads = (groupId: string) => allPages<MyThreadDto>(`/groups/${groupId}/threads`);
export const createThread = (
  groupId: string,
  body: {
    title: string;
    kind: 'discussion' | 'recommendation';
    proposal?: string;
    body?: string;
    objectives?: number[];
    /** Files for the proposal. */
    attachmentIds?: string[];
  },
) => api<ThreadDto>('POST', `/groups/${groupId}/threads`, body);
