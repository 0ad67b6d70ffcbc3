import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { ACTION_SELECT, ActionItemRow, toActionItemDto } from './dto/action-item.dto';
import { responsibleFor } from './responsible';

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
    const candidates: (ActionItemRow & { threshold: 'due-soon' | 'overdue'; group_name: string })[] =
      await this.db.query(
        `SELECT c.*, (SELECT name FROM working_groups g WHERE g.id = c.group_id) AS group_name FROM (
         SELECT x.*, CASE WHEN x.due_date::date < $1::date THEN 'overdue' ELSE 'due-soon' END AS threshold
           FROM (${ACTION_SELECT} WHERE a.status NOT IN ('done', 'cancelled') AND a.due_date IS NOT NULL
                   AND a.due_date <= $1::date + 2) x
       ) c
       WHERE NOT EXISTS (SELECT 1 FROM action_item_reminders r
                          WHERE r.action_item_id = c.id AND r.threshold = c.threshold AND r.due_date = c.due_date::date)
       LIMIT 500`,
        [today],
      );
    let sent = 0;
    for (const candidate of candidates) {
      const item = toActionItemDto(candidate);
      // The claim and the notifications commit together; notify() pushes them once they have.
      const claimed = await this.db.transaction(async (tx) => {
        const claim: unknown[] = await tx.query(
          `INSERT INTO action_item_reminders (action_item_id, threshold, due_date) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING action_item_id`,
          [item.id, candidate.threshold, item.dueDate],
        );
        if (claim.length === 0) return false; // another node sent it
        const recipients = await responsibleFor(tx, item);
        await this.notifications.notify(
          recipients,
          {
            type: candidate.threshold === 'overdue' ? 'action.overdue' : 'action.due-soon',
            groupId: item.groupId,
            subjectType: 'action',
            subjectId: item.id,
            data: {
              groupName: candidate.group_name,
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
