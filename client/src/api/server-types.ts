/**
 * The server's DTOs, imported as types only so the client and the API cannot drift apart silently:
 * a changed DTO fails `tsc -p client/tsconfig.json`. Nothing here reaches the bundle.
 */
export type { ClientEvents, ClientEventType, FeedEvent } from '../../../src/events/events';
export type { ErrorResponse, FieldError } from '../../../src/common/error-response';
export type {
  AuthResponseDto,
  LoginAnswerDto,
  TokensDto,
  TwoFactorChallengeDto,
} from '../../../src/auth/dto/auth-response.dto';
export type { SessionDto } from '../../../src/auth/dto/session.dto';
export type { RegistrationSettingsDto } from '../../../src/auth/dto/registration-settings.dto';
export type {
  RecoveryCodesDto,
  TwoFactorSetupDto,
  TwoFactorStatusDto,
} from '../../../src/two-factor/dto/two-factor-answers.dto';
export type { TwoFactorRequirementDto } from '../../../src/two-factor/dto/two-factor-requirement.dto';
export type { TwoFactorAudience } from '../../../src/two-factor/entities/two-factor-requirement.entity';
export type { AccountStatusDto } from '../../../src/users/dto/account-status.dto';
export type { UserDto } from '../../../src/users/dto/user.dto';
export type { OrganizationDto } from '../../../src/organizations/dto/organization.dto';
export type { OrganizationPersonDto } from '../../../src/organizations/dto/organization-people.dto';
export type { OfferedProviderDto } from '../../../src/sso/dto/offered-provider.dto';
export type { SsoRefusalCode } from '../../../src/sso/sso-refusal';
export type { IdentityProviderDto } from '../../../src/sso/dto/identity-provider.dto';
export type { PutIdentityProviderDto } from '../../../src/sso/dto/put-identity-provider.dto';
export type { MyGroupDto, GroupDto } from '../../../src/working-groups/dto/group.dto';
export type { MemberDto } from '../../../src/working-groups/dto/member.dto';
export type { AuditEntryDto } from '../../../src/audit/dto/audit-entry.dto';
export type {
  InvitationDto,
  CreatedInvitationDto,
  InvitationPreviewDto,
} from '../../../src/working-groups/dto/invitation.dto';
export type { MyThreadDto, ThreadDto, PersonDto } from '../../../src/threads/dto/thread.dto';
export type {
  MessageDto,
  MessagePageDto,
  MessageVersionDto,
  ReactionSummaryDto,
  ReactionsChangedDto,
} from '../../../src/threads/dto/message.dto';
export type { PositionsDto, PositionEntryDto, OrganizationTallyDto } from '../../../src/threads/dto/position.dto';
export type { SearchHitDto, SearchKind } from '../../../src/threads/dto/search.dto';
export type { NotificationDto, LegacyNotificationData } from '../../../src/notifications/dto/notification.dto';
export type { NotificationData, NotificationType } from '../../../src/notifications/notification-kinds';
export type {
  Ack,
  AuthExpiredDto,
  ClientToServerEvents,
  PresenceDto,
  ServerToClientEvents,
  TypingDto,
} from '../../../src/realtime/socket-protocol';
export type { CatchUp } from '../../../src/events/dto/catch-up.dto';
export type { PostedMessage } from '../../../src/threads/dto/message.dto';
export type { ProgressReport } from '../../../src/action-items/dto/progress-report.dto';
export type { CheckInDto } from '../../../src/accountability/dto/check-in.dto';
export type { NotificationLevel } from '../../../src/notifications/entities/notification-preference.entity';
export type { Role } from '../../../src/access/permission';
export type { Locale } from '../../../src/users/entities/user.entity';
export type { PositionValue } from '../../../src/threads/entities/position.entity';
export type { Outcome, ThreadKind } from '../../../src/threads/entities/thread.entity';
export type {
  ActionItemDto,
  ActionChangeDto,
  ActionCommentDto,
  NamedRefDto,
} from '../../../src/action-items/dto/action-item.dto';
export type { ActionStatus } from '../../../src/action-items/status-transitions';
export type { Priority } from '../../../src/action-items/entities/action-item.entity';

/** A page of any list (src/common/pagination.ts, which cannot be imported here: it uses Node's Buffer). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type { Summary } from '../../../src/action-items/report-summary';
export type {
  NotificationSettingsDto,
  UpdateNotificationSettingDto,
} from '../../../src/notifications/dto/notification-settings.dto';
export type { Delivery } from '../../../src/notifications/notification-kinds';
export type { MailScheduleDto } from '../../../src/users/dto/user.dto';
export type { DigestFrequency } from '../../../src/users/entities/user.entity';
export type { OutgoingMailDto, OutgoingEmailDto } from '../../../src/mail/dto/outgoing-email.dto';
export type { OutgoingEmailStatus } from '../../../src/mail/entities/outgoing-email.entity';
export type { FailedJob } from '../../../src/jobs/jobs.repository';
export type { ApiTokenDto, CreatedApiTokenDto } from '../../../src/api-tokens/dto/api-token.dto';
export type { ApiTokenAccess } from '../../../src/auth/api-token-secret';
export type { AttachmentDto, AttachmentRemovedDto, FileKind } from '../../../src/attachments/dto/attachment.dto';
export type {
  ProgressRollUpDto,
  RollUpRecommendationDto,
  RollUpActionDto,
  FiguresDto,
} from '../../../src/accountability/dto/progress-report.dto';
export type { ActionProgressDto } from '../../../src/action-items/dto/action-item.dto';
export type { ClaimDto } from '../../../src/accountability/dto/claim.dto';
export type { ClaimState } from '../../../src/accountability/entities/progress-claim.entity';
export type { MilestoneDto } from '../../../src/accountability/dto/milestone.dto';
export type { LedgerDto } from '../../../src/accountability/dto/ledger.dto';
export type { ContradictionKind } from '../../../src/accountability/ledger';
export type { TimelineDto, TimelineEntryDto } from '../../../src/accountability/dto/timeline.dto';
export type { TimelineKind } from '../../../src/accountability/timeline';
export type {
  PublicationDto,
  PublicationStateDto,
  PublishedIndexEntryDto,
  PublishedProgressDto,
} from '../../../src/accountability/dto/publication.dto';
export type { PublicationVisibility } from '../../../src/accountability/entities/publication.entity';
export type { ImportResultDto, ImportMode } from '../../../src/accountability/dto/progress-import.dto';
