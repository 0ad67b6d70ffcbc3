import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobQueue, RunningJob } from '../jobs/job-queue.service';
import { EmailComposer } from './email-composer';
import { MailRepository } from './mail.repository';
import { Delivered, MailTransport } from './mail-transport';
import { Metrics } from '../metrics/metrics';

/**
 * Runs the `email.send` jobs: one outbox row each. The row's status makes a job that runs again (its node died
 * after the try, or pg-boss retried it) send nothing twice once the first try was recorded. An SMTP server's
 * permanent refusal (5xx) fails the email at once; anything else (4xx, a connection that fails) is retried with
 * the queue's backoff, and the last try's failure is kept for the admin.
 */
@Injectable()
export class EmailSender implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly repository: MailRepository,
    private readonly composer: EmailComposer,
    private readonly transport: MailTransport,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('email.send', this.config.mail.sendConcurrency, (job) => this.run(job));
  }

  async run(job: RunningJob<'email.send'>): Promise<void> {
    const email = await this.repository.load(job.data.emailId);
    if (!email || email.status !== 'queued') return;
    const composed = await this.composer.compose(email);
    if ('skip' in composed) {
      await this.repository.finish(email.id, 'skipped', { error: composed.skip });
      this.metrics.emails.inc({ outcome: 'skipped' });
      return;
    }
    let delivered: Delivered;
    try {
      delivered = await this.transport.send(email.id, composed.message);
    } catch (error) {
      const reason = describe(error);
      if (isPermanent(error) || job.retryCount >= job.retryLimit) {
        this.logger.warn(`Email ${email.id} (${email.kind}) failed for good: ${reason}`);
        await this.repository.finish(email.id, 'failed', { subject: composed.subject, error: reason });
        this.metrics.emails.inc({ outcome: 'failed' });
        return;
      }
      await this.repository.retrying(email.id, reason);
      throw error; // pg-boss retries it after its backoff
    }
    // Sent: from here a failure must not send it again, so recording it is retried here rather than by the queue.
    await persistently(() =>
      this.repository.finish(email.id, delivered.via === 'smtp' ? 'sent' : 'written', {
        subject: composed.subject,
        messageId: composed.messageId,
        file: delivered.via === 'file' ? delivered.file : undefined,
      }),
    );
    this.metrics.emails.inc({ outcome: delivered.via === 'smtp' ? 'sent' : 'written' });
    await composed.sent?.();
  }
}

/** A few tries a second apart: a database that blinks while an email is recorded does not make it go out twice. */
async function persistently(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/** nodemailer's error for an SMTP reply carries its code: 5xx to the envelope or message will never succeed. */
function isPermanent(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (code === 'EENVELOPE' || code === 'EMESSAGE')
  );
}

function describe(error: unknown): string {
  const { response, message } = error as { response?: string; message?: string };
  return (response ?? message ?? String(error)).slice(0, 1000);
}
