/** Every action the access policy decides, in one vocabulary. */
export enum Permission {
  GroupRead = 'group.read',
  GroupUpdate = 'group.update',
  GroupArchive = 'group.archive',
  MemberManage = 'member.manage',
  MembershipLeave = 'membership.leave',
  InvitationRead = 'invitation.read',
  InvitationManage = 'invitation.manage',
  AuditRead = 'audit.read',
  ApiTokenRead = 'api-token.read',
  ApiTokenManage = 'api-token.manage',
  NotificationPreference = 'notification.preference',
  EventRead = 'event.read',
  Typing = 'typing',
  ThreadCreate = 'thread.create',
  ThreadModerate = 'thread.moderate',
  MessagePost = 'message.post',
  MessageModerate = 'message.moderate',
  ReactionToggle = 'reaction.toggle',
  PositionTake = 'position.take',
  RecommendationClose = 'recommendation.close',
  ActionManage = 'action-item.manage',
  ActionWork = 'action-item.work',
  ActionComment = 'action-item.comment',
}

export const ROLES = ['facilitator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];
