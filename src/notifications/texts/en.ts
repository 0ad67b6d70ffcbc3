/**
 * What a notification says, in English: the one home of these texts. The web client spreads `en` into its own
 * dictionary (client/src/i18n/en.ts) and the emails (src/mail/templates) read both `en` and `enEmail`, so a
 * notification reads the same on screen and in the inbox. English is the reference: its keys are the type Arabic
 * must cover. Plural forms are `key.one` / `key.other` (Arabic adds zero, two, few and many); `{name}` is a
 * placeholder filled with plain text, never HTML.
 */
export const en = {
  'role.facilitator': 'Facilitator',
  'role.member': 'Member',
  'role.observer': 'Observer',

  'status.open': 'Open',
  'status.inProgress': 'In progress',
  'status.blocked': 'Blocked',
  'status.done': 'Done',
  'status.cancelled': 'Cancelled',

  'outcome.adopted': 'Adopted',
  'outcome.adoptedWithChanges': 'Adopted with changes',
  'outcome.notAdopted': 'Not adopted',

  'priority.high': 'High',
  'priority.medium': 'Medium',
  'priority.low': 'Low',

  'notification.invited': 'Invitation to a group',
  'notification.invitedHint': 'To accept, open the invitation link the facilitator sent you.',
  'notification.added': 'Added to a group',
  'notification.roleChanged': 'Your role changed',
  'notification.mentioned': 'You were mentioned',
  'notification.replied': 'New reply to your message',
  'notification.recommendationCreated': 'New recommendation',
  'notification.recommendationClosed': 'Recommendation closed',
  'notification.actionAssigned': 'Action assigned to you',
  'notification.actionDueChanged': 'Action due date changed',
  'notification.actionStatus': 'Action status changed',
  'notification.actionCommented': 'New comment on an action',
  'notification.actionDueSoon': 'Action due soon',
  'notification.actionOverdue': 'Action overdue',
  'notification.actionClaimed': 'Progress to verify',
  'notification.actionClaimDecided': 'Progress claim decided',
  'notification.recommendationReview': 'Recommendation review',
  'notification.actionCheckIn': 'Progress check-in',
  'notification.action': 'Action item',
  'notification.other': 'Notification',
  'notificationText.invited': '{actor} invited you to {group} as {role}',
  'notificationText.added': 'You were added to {group} as {role}',
  'notificationText.roleChanged': 'Your role in {group} is now {role}',
  'notificationText.mentioned': '{actor} mentioned you in {thread}',
  'notificationText.replied': '{actor} replied to you in {thread}',
  'notificationText.recommendationCreated': 'New recommendation for your position: {title}',
  'notificationText.recommendationClosed': 'Recommendation closed ({outcome}): {title}',
  'notificationText.recommendationClosedPlain': 'Recommendation closed: {title}',
  'notificationText.actionNew': 'New action for you: {title}',
  'notificationText.actionNewDue': 'New action for you: {title} (due {date})',
  'notificationText.actionReassigned': 'Assigned to you: {title}',
  'notificationText.actionDueChanged': '{title}: due date changed to {date}',
  'notificationText.actionDueRemoved': '{title}: due date removed',
  'notificationText.actionStatus': '{title}: {previous} → {status}',
  'notificationText.actionCommented': '{actor} commented on {title}',
  'notificationText.actionProgress': '{actor} reported progress on {title}',
  'notificationText.actionDueSoon': 'Due {date}: {title}',
  'notificationText.actionOverdue': 'Overdue since {date}: {title}',
  'notificationText.actionClaimed': '{actor} claimed {percent}% on {title}',
  'notificationText.actionClaimVerified': '{actor} verified {percent}% on {title}',
  'notificationText.actionClaimReturned': '{actor} returned the claim of {percent}% on {title}: {reason}',
  'notificationText.recommendationReview':
    "Review of {title}: {claimed} claimed, {verified} verified. Please restate your organization's position.",
  'notificationText.actionCheckIn': 'How far has {title} got? Add a progress note.',
  'notificationText.someone': 'Someone',
  'notificationText.aFacilitator': 'A facilitator',
};

export type NotificationTextKey = keyof typeof en;

/** What only an email says: the web client never shows these, so they stay out of its bundle. */
export const enEmail = {
  'email.appName': 'Tansiq',
  'email.greeting': 'Hello {name},',
  'email.greetingAnonymous': 'Hello,',
  'email.open': 'Open in Tansiq',
  'email.linkFallback': 'If the button does not work, copy this address into your browser:',
  'email.replyByEmail': 'Reply to this email to answer in the thread.',
  'email.replyByEmailProgress': 'Reply to this email to add a progress note to the action.',
  'email.group': 'Group',
  'email.thread': 'Discussion',
  'email.recommendation': 'Recommendation',
  'email.action': 'Action item',
  'email.role': 'Role',
  'email.why': 'You got this email because of your notification settings in Tansiq.',
  'email.settings': 'Change your settings',
  'email.unsubscribe': 'Unsubscribe from these emails',

  'email.digest.subjectDaily': 'Your daily summary from Tansiq',
  'email.digest.subjectWeekly': 'Your weekly summary from Tansiq',
  'email.digest.daily': 'Your daily summary',
  'email.digest.weekly': 'Your weekly summary',
  'email.digest.intro': 'Here is what you have not read yet.',
  'email.digest.unread.one': '{count} unread in {group}',
  'email.digest.unread.other': '{count} unread in {group}',

  'email.invitation.text': '{inviter} invited you to join {group} as {role}',
  'email.invitation.textAnonymous': 'You are invited to join {group} as {role}',
  'email.invitation.about':
    'Tansiq is where the working group discusses, agrees on recommendations and follows up on actions. You can create your account when you accept.',
  'email.invitation.accept': 'Accept the invitation',
  'email.invitation.expires': 'This invitation expires on {date}.',
  'email.invitation.ignore': 'If you were not expecting this invitation, you can ignore this email.',

  'email.passwordReset.subject': 'Reset your Tansiq password',
  'email.passwordReset.text':
    'Someone asked to reset the password of the Tansiq account with this email address. If it was you, choose a new password:',
  'email.passwordReset.button': 'Choose a new password',
  'email.passwordReset.ignore': 'If you did not ask for this, ignore this email: your password stays as it is.',
  'email.verification.subject': 'Confirm your email address for Tansiq',
  'email.verification.text': 'Confirm that this email address is yours to finish setting up your Tansiq account.',
  'email.verification.button': 'Confirm my email address',
  'email.verification.ignore': 'If you did not create a Tansiq account, ignore this email.',
  'email.accountExists.subject': 'Someone tried to register with your email address on Tansiq',
  'email.accountExists.text':
    'Someone tried to create a Tansiq account with this email address, which already has one. Nothing was changed. If it was you, sign in, or choose a new password if you forgot it:',
  'email.accountExists.button': 'Sign in',
  'email.accountExists.ignore':
    'If it was not you, ignore this email: nobody can use your account without your password or this mailbox.',
  'email.linkExpires': 'This link works once and expires on {date}.',
};

export type EmailTextKey = keyof typeof enEmail;

/**
 * What a CSV export says (headers, the few words in its cells): the server writes them in the language of the
 * request. Status, priority and outcome names are the ones above, so a CSV says them as the screen does.
 */
export const enCsv = {
  'csv.id': 'ID',
  'csv.title': 'Title',
  'csv.status': 'Status',
  'csv.statusReason': 'Status reason',
  'csv.priority': 'Priority',
  'csv.dueDate': 'Due date',
  'csv.overdue': 'Overdue',
  'csv.leadOrganization': 'Lead organization',
  'csv.supportingOrganizations': 'Supporting organizations',
  'csv.focalPerson': 'Focal person',
  'csv.objectives': 'GCM objectives',
  'csv.source': 'Source',
  'csv.evidenceFiles': 'Evidence files',
  'csv.description': 'Description',
  'csv.createdAt': 'Created (UTC)',
  'csv.updatedAt': 'Updated (UTC)',
  'csv.yes': 'Yes',
  'csv.no': 'No',
  'csv.dimension': 'Dimension',
  'csv.key': 'Name',
  'csv.total': 'Total',
  'csv.shareDone': 'Share done',
  'csv.dimension.total': 'All action items',
  'csv.dimension.recommendation': 'Recommendation',
  'csv.dimension.objective': 'GCM objective',
  'csv.dimension.leadOrganization': 'Lead organization',
  'csv.dimension.group': 'Working group',
  'csv.none': '(none)',
};

export type CsvTextKey = keyof typeof enCsv;
