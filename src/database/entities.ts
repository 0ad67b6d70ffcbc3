import { ActionItemMilestone } from '../accountability/entities/action-item-milestone.entity';
import { CheckInRequest } from '../accountability/entities/check-in-request.entity';
import { CheckIn } from '../accountability/entities/check-in.entity';
import { ProgressClaim } from '../accountability/entities/progress-claim.entity';
import { Publication } from '../accountability/entities/publication.entity';
import { RecommendationFollower } from '../accountability/entities/recommendation-follower.entity';
import { RecommendationReview } from '../accountability/entities/recommendation-review.entity';
import { ActionItemChange } from '../action-items/entities/action-item-change.entity';
import { ActionItemComment } from '../action-items/entities/action-item-comment.entity';
import { ActionItemOrganization } from '../action-items/entities/action-item-organization.entity';
import { ActionItemReminder } from '../action-items/entities/action-item-reminder.entity';
import { ActionItem } from '../action-items/entities/action-item.entity';
import { Attachment } from '../attachments/entities/attachment.entity';
import { StoredFileChunk } from '../attachments/entities/stored-file-chunk.entity';
import { AccountToken } from '../auth/entities/account-token.entity';
import { ApiToken } from '../api-tokens/entities/api-token.entity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { Session } from '../auth/entities/session.entity';
import { OutgoingEmail } from '../mail/entities/outgoing-email.entity';
import { NotificationSetting } from '../notifications/entities/notification-setting.entity';
import { InboundEmail } from '../mail/inbound/entities/inbound-email.entity';
import { MailReplyKey } from '../mail/reply/entities/mail-reply-key.entity';
import { MailActionReplyKey } from '../mail/reply/entities/mail-action-reply-key.entity';
import { NotificationPreference } from '../notifications/entities/notification-preference.entity';
import { Notification } from '../notifications/entities/notification.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { GroupEvent } from '../events/entities/group-event.entity';
import { IdempotencyKey } from '../events/entities/idempotency-key.entity';
import { MessageVersion } from '../threads/entities/message-version.entity';
import { Message } from '../threads/entities/message.entity';
import { Position } from '../threads/entities/position.entity';
import { Reaction } from '../threads/entities/reaction.entity';
import { ThreadRead } from '../threads/entities/thread-read.entity';
import { Thread } from '../threads/entities/thread.entity';
import { OrganizationAdmin } from '../organizations/entities/organization-admin.entity';
import { OrganizationDomain } from '../organizations/entities/organization-domain.entity';
import { RecoveryCode } from '../two-factor/entities/recovery-code.entity';
import { TwoFactorCredential } from '../two-factor/entities/two-factor-credential.entity';
import { TwoFactorRequirement } from '../two-factor/entities/two-factor-requirement.entity';
import { ExternalIdentity } from '../sso/entities/external-identity.entity';
import { IdentityProvider } from '../sso/entities/identity-provider.entity';
import { SsoLogin } from '../sso/entities/sso-login.entity';
import { SetupToken } from '../users/entities/setup-token.entity';
import { User } from '../users/entities/user.entity';
import { Invitation } from '../working-groups/entities/invitation.entity';
import { Membership } from '../working-groups/entities/membership.entity';
import { WorkingGroup } from '../working-groups/entities/working-group.entity';

/** Every entity, listed once; the data source and the migration drift test read this list. */
export const ENTITIES = [
  Organization,
  OrganizationDomain,
  OrganizationAdmin,
  User,
  Session,
  RefreshToken,
  AccountToken,
  SetupToken,
  ApiToken,
  TwoFactorCredential,
  RecoveryCode,
  TwoFactorRequirement,
  IdentityProvider,
  ExternalIdentity,
  SsoLogin,
  WorkingGroup,
  Membership,
  Invitation,
  AuditEntry,
  GroupEvent,
  IdempotencyKey,
  Notification,
  NotificationPreference,
  NotificationSetting,
  OutgoingEmail,
  Thread,
  Message,
  MessageVersion,
  Reaction,
  Position,
  ThreadRead,
  ActionItem,
  ActionItemOrganization,
  ActionItemChange,
  ActionItemComment,
  ActionItemReminder,
  ActionItemMilestone,
  ProgressClaim,
  RecommendationFollower,
  RecommendationReview,
  CheckIn,
  CheckInRequest,
  Publication,
  MailReplyKey,
  MailActionReplyKey,
  InboundEmail,
  Attachment,
  StoredFileChunk,
];
