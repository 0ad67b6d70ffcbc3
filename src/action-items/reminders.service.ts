import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { responsibleFor } from './action-item.repository';
import { toActionItemDto } from './dto/action-item.dto';
import { ReminderRepository } from './reminder.repository';

const EVERY_MS = 60_000;

/**
 * Reminds those responsible when an item is due within 48 hours and when it becomes overdue. Every node runs this;
 * the reminder row's primary key (item, threshold, due date) is the claim, inserted in the same transaction as the
 * notifications, so each reminder is sent exactly once however many nodes race, and again after a due-date change.
 */
@Injectable()
export class RemindersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersService.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.run();
    } catch (error) {
      this.logger.warn(`Reminders skipped this round: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
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
