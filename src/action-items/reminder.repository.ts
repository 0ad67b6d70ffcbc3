import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ACTION_SELECT } from './action-item.repository';
import { ActionItemView } from './dto/action-item.dto';
import { ActionItemReminder } from './entities/action-item-reminder.entity';

/** An item a reminder is due for, with the threshold it crossed and its group's name. */
export type ReminderCandidate = ActionItemView & Pick<ActionItemReminder, 'threshold'> & { groupName: string };

/** The reminders of action items: what is due, and the claim of each one sent. */
@Injectable()
export class ReminderRepository {
  constructor(private readonly db: DataSource) {}

  /** Open items due within two days of `today` or past it whose reminder for this threshold and date is not sent. */
  async due(today: string): Promise<ReminderCandidate[]> {
    return this.db.query(
      `SELECT c.*, (SELECT name FROM working_groups g WHERE g.id = c."groupId") AS "groupName" FROM (
         SELECT x.*, CASE WHEN x."dueDate"::date < $1::date THEN 'overdue' ELSE 'due-soon' END AS threshold
           FROM (${ACTION_SELECT} WHERE a.status NOT IN ('done', 'cancelled') AND a.due_date IS NOT NULL
                   AND a.due_date <= $1::date + 2) x
       ) c
       WHERE NOT EXISTS (SELECT 1 FROM action_item_reminders r
                          WHERE r.action_item_id = c.id AND r.threshold = c.threshold AND r.due_date = c."dueDate"::date)
       LIMIT 500`,
      [today],
    );
  }

  /** The claim: true for the one transaction that inserts it, false when another node already has. */
  async claim(tx: EntityManager, reminder: Pick<ActionItemReminder, 'actionItemId' | 'threshold' | 'dueDate'>) {
    const claimed: unknown[] = await tx.query(
      `INSERT INTO action_item_reminders (action_item_id, threshold, due_date) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING action_item_id`,
      [reminder.actionItemId, reminder.threshold, reminder.dueDate],
    );
    return claimed.length > 0;
  }
}
