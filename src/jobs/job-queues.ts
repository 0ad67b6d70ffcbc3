import type { Queue } from 'pg-boss';

/** What each queue's jobs carry: ids only, never what they point at, so a job reads the truth when it runs. */
export interface JobData {
  /** One row of outgoing_emails to render and send. */
  'email.send': { emailId: string };
  /** Finds whose digest is due at this hour in their time zone and queues it. */
  'digest.tick': Record<string, never>;
  /** Due-soon and overdue reminders of action items. */
  'reminders.tick': Record<string, never>;
  /** Opens the reviews of recommendations whose review date has come. */
  'reviews.tick': Record<string, never>;
  /** Asks those responsible for the action items whose scheduled check-in is due. */
  'check-ins.tick': Record<string, never>;
  /** Drops change-feed events past retention. */
  'feed.prune': Record<string, never>;
  /** Removes abandoned uploads (and their bytes): uploading for over an hour, never attached within a day. */
  'attachments.cleanup': Record<string, never>;
}

export type JobName = keyof JobData;

/**
 * Every queue and how its jobs are retried. Emails retry with backoff for about a day (a relay that is down for
 * hours still gets them); a heartbeat makes a job whose node died run again within a minute instead of 15.
 * The ticks are `stately`: at most one waiting and one running, whatever the number of nodes.
 */
export const JOB_QUEUES: Record<JobName, Omit<Queue, 'name'>> = {
  'email.send': {
    retryLimit: 12,
    retryDelay: 30, // MAIL_RETRY_DELAY
    retryBackoff: true,
    retryDelayMax: 3 * 3600,
    heartbeatSeconds: 10,
    expireInSeconds: 300,
    deleteAfterSeconds: 7 * 86_400,
  },
  'digest.tick': { policy: 'stately', retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  'reminders.tick': { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
  'reviews.tick': { policy: 'stately', retryLimit: 0, expireInSeconds: 600 },
  'check-ins.tick': { policy: 'stately', retryLimit: 0, expireInSeconds: 600 },
  'feed.prune': { policy: 'stately', retryLimit: 0, expireInSeconds: 1800 },
  'attachments.cleanup': { policy: 'stately', retryLimit: 0, expireInSeconds: 1800 },
};

/** When the scheduled queues run (cron, UTC). pg-boss starts each once per tick across all nodes. */
export const JOB_SCHEDULES: Partial<Record<JobName, string>> = {
  // Every quarter hour: the time zones that are not whole hours from UTC (India, Nepal, Iran...) get their hour too.
  'digest.tick': '*/15 * * * *',
  'reminders.tick': '* * * * *',
  // A review or check-in is due on a day: a few minutes late is on time, and a tick is a query when nothing is.
  'reviews.tick': '*/5 * * * *',
  'check-ins.tick': '*/15 * * * *',
  'feed.prune': '17 * * * *',
  'attachments.cleanup': '*/10 * * * *',
};
