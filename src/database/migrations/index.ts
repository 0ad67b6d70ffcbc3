import { Identity1764201600000 } from './1764201600000-identity';
import { WorkingGroups1764205200000 } from './1764205200000-working-groups';
import { Threads1764208800000 } from './1764208800000-threads';
import { ActionItems1764212400000 } from './1764212400000-action-items';
import { ThreadActivityHot1764216000000 } from './1764216000000-thread-activity-hot';
import { SecurityAudit1764302400000 } from './1764302400000-security-audit';
import { SearchVectors1764388800000 } from './1764388800000-search-vectors';
import { NotificationData1764475200000 } from './1764475200000-notification-data';
import { SearchVectorLongTokens1764561600000 } from './1764561600000-search-vector-long-tokens';
import { SearchLanguages1764890000000 } from './1764890000000-search-languages';
import { Email1764810000000 } from './1764810000000-email';
import { MailReply1764820000000 } from './1764820000000-mail-reply';
import { AccountTokens1764830000000 } from './1764830000000-account-tokens';
import { SetupTokens1764840000000 } from './1764840000000-setup-tokens';
import { ApiTokens1764850000000 } from './1764850000000-api-tokens';
import { VerifiedIdentity1764860000000 } from './1764860000000-verified-identity';
import { TwoFactorSessions1764870000000 } from './1764870000000-two-factor-sessions';
import { IdentityProviders1764880000000 } from './1764880000000-identity-providers';
import { LegacyNotificationData1764900000000 } from './1764900000000-legacy-notification-data';
import { Attachments1764910000000 } from './1764910000000-attachments';
import { ThreadUnreadIndex1764962000000 } from './1764962000000-thread-unread-index';
import { SupportingOrganizationIndex1764962100000 } from './1764962100000-supporting-organization-index';
import { ProgressNoteTimeIndex1764962200000 } from './1764962200000-progress-note-time-index';
import { Accountability1765100000000 } from './1765100000000-accountability';
import { ActionReplyKeys1765120000000 } from './1765120000000-action-reply-keys';
import { ReviewDueIndex1765120100000 } from './1765120100000-review-due-index';

/** Every migration in order. Imported, not globbed, so swc-jest and the compiled build agree. */
export const MIGRATIONS = [
  Identity1764201600000,
  WorkingGroups1764205200000,
  Threads1764208800000,
  ActionItems1764212400000,
  ThreadActivityHot1764216000000,
  SecurityAudit1764302400000,
  SearchVectors1764388800000,
  NotificationData1764475200000,
  SearchVectorLongTokens1764561600000,
  Email1764810000000,
  MailReply1764820000000,
  AccountTokens1764830000000,
  SetupTokens1764840000000,
  ApiTokens1764850000000,
  VerifiedIdentity1764860000000,
  TwoFactorSessions1764870000000,
  IdentityProviders1764880000000,
  SearchLanguages1764890000000,
  LegacyNotificationData1764900000000,
  Attachments1764910000000,
  ThreadUnreadIndex1764962000000,
  SupportingOrganizationIndex1764962100000,
  ProgressNoteTimeIndex1764962200000,
  Accountability1765100000000,
  ActionReplyKeys1765120000000,
  ReviewDueIndex1765120100000,
];
