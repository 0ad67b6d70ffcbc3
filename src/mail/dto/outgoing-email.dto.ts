import { ApiProperty } from '@nestjs/swagger';
import type { FailedJob } from '../../jobs/jobs.repository';
import type { OutgoingEmail, OutgoingEmailStatus } from '../entities/outgoing-email.entity';

/** A job that failed for good, as pg-boss keeps it. */
export class FailedJobDto implements FailedJob {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) retryCount: number;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What it last failed with' })
  output: unknown;
  @ApiProperty({ format: 'date-time' }) createdOn: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedOn: string | null;
}

/** One outgoing email as the workspace admin sees it. */
export class OutgoingEmailDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  kind: string;
  to: string | null;
  subject: string | null;
  status: OutgoingEmailStatus;
  error: string | null;
  attempts: number;
  /** True when it was written to DATA_DIR/mail (SMTP not configured): GET …/message shows it. */
  written: boolean;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true })
  sentAt: string | null;
}

/** The admin's view of outgoing mail: how it leaves, the newest emails, and jobs that failed for good. */
export class OutgoingMailDto {
  /** False: SMTP is not configured and nothing is sent; every email is written as a file instead. */
  smtp: boolean;
  items: OutgoingEmailDto[];
  nextCursor: string | null;
  failedJobs: FailedJobDto[];
}

/** What running a job now answers (202): it is queued, not done. */
export class JobQueuedDto {
  @ApiProperty({ type: Boolean }) queued: true;
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
