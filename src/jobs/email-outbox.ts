import { EntityManager } from 'typeorm';

/** One email to send later: what it is, to whom, and what it needs besides. */
export interface QueuedEmail {
  /** A notification type, `invitation`, `digest`, `password-reset` or `email-verification`. */
  kind: string;
  /** The recipient's account (their address, language and hours are read from it); null for an address only. */
  userId: string | null;
  /** The address when there is no account, or when it must be this one (an invitation). */
  toAddress?: string;
  notificationId?: string;
  /** Ids the email renders from (an invitation's id, ...); never prose. */
  payload?: Record<string, string>;
  /** A secret the email carries (an invitation's link token): stored encrypted until it is sent. */
  secret?: string;
  /** True: goes out at once; false: waits for the recipient's working hours. */
  urgent: boolean;
}

/**
 * Where features put the emails their changes cause, in the same transaction (the outbox). Declared here, in the
 * core, and provided by mail/: a feature never imports the mailer, and an email exists only if its change commits.
 */
export abstract class EmailOutbox {
  abstract queue(tx: EntityManager, emails: QueuedEmail[]): Promise<void>;
}
