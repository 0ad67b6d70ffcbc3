import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmailOutbox } from '../jobs/email-outbox';
import { JobQueue } from '../jobs/job-queue.service';
import { MailRepository } from './mail.repository';
import { localTime, weeklyDigestDay } from './working-hours';

const DAILY_GAP_MS = 12 * 3600_000;
const WEEKLY_GAP_MS = 6.5 * 86_400_000;

/**
 * Every quarter hour (one node, the job queue's schedule): queues the digest of each reader whose digest hour it
 * now is in their time zone and who has unread notifications waiting for one. The digest lists what is still
 * unread when it is sent, and is not sent when nothing is.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly repository: MailRepository,
    private readonly outbox: EmailOutbox,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('digest.tick', 1, async () => void (await this.tick()));
  }

  /** Queues the digests due at `now`; returns how many. */
  async tick(now = new Date()): Promise<number> {
    let queued = 0;
    for (const reader of await this.repository.digestCandidates(now)) {
      const local = localTime(now, reader.timeZone);
      if (local.hour !== reader.digestHour) continue;
      const weekly = reader.digest === 'weekly';
      if (weekly && local.isoDay !== weeklyDigestDay(reader.weekendDays)) continue;
      const claimed = await this.db.transaction(async (tx) => {
        const lastBefore = new Date(now.getTime() - (weekly ? WEEKLY_GAP_MS : DAILY_GAP_MS));
        if (!(await this.repository.claimDigest(tx, reader.id, lastBefore))) return false;
        // Already at the hour the reader chose: it goes out at once.
        await this.outbox.queue(tx, [
          { kind: 'digest', userId: reader.id, payload: { period: reader.digest }, urgent: true },
        ]);
        return true;
      });
      if (claimed) queued += 1;
    }
    return queued;
  }
}
