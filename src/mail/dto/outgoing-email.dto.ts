import type { FailedJob } from '../../jobs/jobs.repository';
import type { OutgoingEmail, OutgoingEmailStatus } from '../entities/outgoing-email.entity';

/** One outgoing email as the workspace admin sees it. */
export interface OutgoingEmailDto {
  id: string;
  kind: string;
  to: string | null;
  subject: string | null;
  status: OutgoingEmailStatus;
  error: string | null;
  attempts: number;
  /** True when it was written to DATA_DIR/mail (SMTP not configured): GET …/message shows it. */
  written: boolean;
  createdAt: string;
  sentAt: string | null;
}

/** The admin's view of outgoing mail: how it leaves, the newest emails, and jobs that failed for good. */
export interface OutgoingMailDto {
  /** False: SMTP is not configured and nothing is sent; every email is written as a file instead. */
  smtp: boolean;
  items: OutgoingEmailDto[];
  nextCursor: string | null;
  failedJobs: FailedJob[];
}

export function toOutgoingEmailDto(row: OutgoingEmail, address: string | null): OutgoingEmailDto {
  return {
    id: row.id,
    kind: row.kind,
    to: row.toAddress ?? address,
    subject: row.subject,
    status: row.status,
    error: row.error,
    attempts: row.attempts,
    written: row.file !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
  };
}
