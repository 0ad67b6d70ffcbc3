import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationsService } from '../notifications/notifications.service';
import { responsibleFor } from './action-item.repository';
import { toActionItemDto } from './dto/action-item.dto';
import { ReminderRepository } from './reminder.repository';

/**
 * Reminds those responsible when an item is due within 48 hours and when it becomes overdue. The job queue runs
 * this every minute on one node; the reminder row's primary key (item, threshold, due date) is still the claim,
 * inserted in the same transaction as the notifications, so each reminder is sent exactly once even when a run is
 * retried or an admin runs one by hand beside the schedule, and again after a due-date change.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderRepository,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('reminders.tick', 1, async () => void (await this.run()));
  }

  /** Sends what is due as of `today` (YYYY-MM-DD, UTC); returns how many reminders this node sent. */
  async run(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    const candidates = await this.reminders.due(today);
    let sent = 0;
    for (const candidate of candidates) {
      const item = toActionItemDto(candidate);
      // The claim and the notifications commit together; notify() pushes them once they have.
      const claimed = await this.db.transaction(async (tx) => {
        const claimed = await this.reminders.claim(tx, {
          actionItemId: item.id,
          threshold: candidate.threshold,
          dueDate: item.dueDate!,
        });
        if (!claimed) return false; // another node sent it
        const recipients = await responsibleFor(tx, item);
        await this.notifications.notify(
          recipients,
          {
            type: candidate.threshold === 'overdue' ? 'action.overdue' : 'action.due-soon',
            groupId: item.groupId,
            subjectType: 'action',
            subjectId: item.id,
            data: {
              groupName: candidate.groupName,
              actorId: null,
              actorName: null,
              title: item.title,
              dueDate: item.dueDate!,
            },
          },
          tx,
        );
        return true;
      });
      if (claimed) sent += 1;
    }
    return sent;
  }
}
