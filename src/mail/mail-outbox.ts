import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EmailOutbox, QueuedEmail } from '../jobs/email-outbox';
import { JobQueue } from '../jobs/job-queue.service';
import { MailRepository } from './mail.repository';
import { seal } from '../common/sealed-secret';
import { nextWorkingTime, WorkingWeek } from './working-hours';

/**
 * The outbox: each email is a row and a job, both written in the caller's transaction (two statements however many
 * emails). A non-urgent email's job starts at the reader's next working hour.
 */
@Injectable()
export class MailOutbox extends EmailOutbox {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailRepository,
    private readonly jobs: JobQueue,
  ) {
    super();
  }

  async queue(tx: EntityManager, emails: QueuedEmail[]): Promise<void> {
    if (emails.length === 0) return;
    const waiting = emails.filter((email) => !email.urgent && email.userId).map((email) => email.userId!);
    const weeks = new Map((await this.repository.recipients(tx, [...new Set(waiting)])).map((r) => [r.id, r]));
    const ids = await this.repository.insert(
      tx,
      emails.map((email) => ({
        kind: email.kind,
        userId: email.userId,
        toAddress: email.toAddress ?? null,
        notificationId: email.notificationId ?? null,
        payload: { ...email.payload, ...(email.secret ? { sealed: seal(this.config.jwt.secret, email.secret) } : {}) },
      })),
    );
    const now = new Date();
    const starts = new Map<string, Date>(); // readers share a handful of weeks: each is worked out once
    const startOf = (week: WorkingWeek | undefined): Date | undefined => {
      if (!week) return undefined;
      const key = `${week.timeZone}|${week.weekendDays.join(',')}|${week.workStartHour}|${week.workEndHour}`;
      if (!starts.has(key)) starts.set(key, nextWorkingTime(now, week));
      const start = starts.get(key)!;
      return start > now ? start : undefined;
    };
    await this.jobs.enqueue(
      tx,
      'email.send',
      emails.map((email, i) => ({
        data: { emailId: ids[i] },
        startAfter: email.urgent || !email.userId ? undefined : startOf(weeks.get(email.userId)),
      })),
    );
  }
}
