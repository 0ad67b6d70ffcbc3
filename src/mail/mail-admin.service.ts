import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, PageQueryDto, toPage } from '../common/pagination';
import { JobName } from '../jobs/job-queues';
import { JobQueue } from '../jobs/job-queue.service';
import { JobsRepository } from '../jobs/jobs.repository';
import { OutgoingMailDto, toOutgoingEmailDto } from './dto/outgoing-email.dto';
import { MailRepository } from './mail.repository';
import { MailTransport } from './mail-transport';
import { refusal } from '../common/errors/refusal';

/** What the workspace admin sees of outgoing mail and the job queue, and the scheduled jobs they may run now. */
@Injectable()
export class MailAdminService {
  constructor(
    private readonly repository: MailRepository,
    private readonly transport: MailTransport,
    private readonly jobs: JobQueue,
    private readonly failedJobs: JobsRepository,
  ) {}

  async outgoing(user: AuthUser, query: PageQueryDto): Promise<OutgoingMailDto> {
    requireAdmin(user);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.repository.page(limit + 1, cursor ? { at: cursor[0], id: cursor[1] } : null);
    const addresses = await this.repository.addresses([...new Set(rows.flatMap((row) => row.userId ?? []))]);
    const page = toPage(
      rows,
      limit,
      (row) => toOutgoingEmailDto(row, row.userId ? (addresses.get(row.userId) ?? null) : null),
      (row) => [new Date(row.createdAt).toISOString(), row.id],
    );
    return { smtp: this.transport.smtp, ...page, failedJobs: await this.failedJobs.failed(20) };
  }

  /** The whole message as it was written to DATA_DIR/mail (SMTP not configured). */
  async message(user: AuthUser, id: string): Promise<Buffer> {
    requireAdmin(user);
    const row = await this.repository.load(id);
    if (!row?.file) throw new NotFoundException(refusal('written-email-not-found'));
    try {
      return this.transport.read(row.file);
    } catch (error) {
      // The file was removed from DATA_DIR/mail by hand (or the data folder restored without it): gone, not a 500.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundException(refusal('written-email-gone'));
      throw error;
    }
  }

  async run(user: AuthUser, name: Extract<JobName, 'digest.tick' | 'reminders.tick'>): Promise<void> {
    requireAdmin(user);
    await this.jobs.runNow(name);
  }
}

function requireAdmin(user: AuthUser): void {
  if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
}
