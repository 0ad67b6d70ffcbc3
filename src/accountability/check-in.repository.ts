import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ACTION_SELECT } from '../action-items/action-item.repository';
import { ActionItemView } from '../action-items/dto/action-item.dto';
import { CheckInRecord } from './dto/check-in.dto';

const CHECK_IN_SELECT = `SELECT c.id, c.group_id AS "groupId", c.action_item_id AS "actionItemId", a.title AS "actionTitle",
    c.organization_id AS "organizationId", o.name AS "organizationName", c.every_days AS "everyDays",
    to_char(c.next_date, 'YYYY-MM-DD') AS "nextDate", c.created_by AS "createdById",
    u.display_name AS "createdByName", c.created_at AS "createdAt"
  FROM check_ins c
  LEFT JOIN action_items a ON a.id = c.action_item_id
  LEFT JOIN organizations o ON o.id = c.organization_id
  LEFT JOIN users u ON u.id = c.created_by`;

export interface NewCheckIn {
  groupId: string;
  actionItemId: string | null;
  organizationId: string | null;
  everyDays: number;
  nextDate: string;
  createdById: string;
}

/** A check-in whose date has come, with its group's name. */
export type DueCheckIn = CheckInRecord & { groupName: string };

/** Scheduled progress check-ins: the schedule, what is due, the claim of each date asked. */
@Injectable()
export class CheckInRepository {
  constructor(private readonly db: DataSource) {}

  async insert(tx: EntityManager, checkIn: NewCheckIn): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO check_ins (group_id, action_item_id, organization_id, every_days, next_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        checkIn.groupId,
        checkIn.actionItemId,
        checkIn.organizationId,
        checkIn.everyDays,
        checkIn.nextDate,
        checkIn.createdById,
      ],
    );
    return id;
  }

  async find(db: EntityManager, id: string): Promise<CheckInRecord | null> {
    const [row]: CheckInRecord[] = await db.query(`${CHECK_IN_SELECT} WHERE c.id = $1`, [id]);
    return row ?? null;
  }

  list(groupId: string): Promise<CheckInRecord[]> {
    return this.db.query(`${CHECK_IN_SELECT} WHERE c.group_id = $1 ORDER BY c.next_date, c.created_at, c.id`, [
      groupId,
    ]);
  }

  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM check_ins WHERE id = $1`, [id]);
  }

  /** Whether the item is one of the group's. */
  async itemInGroup(db: EntityManager, actionItemId: string, groupId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM action_items WHERE id = $1 AND group_id = $2`, [
      actionItemId,
      groupId,
    ]);
    return rows.length > 0;
  }

  /** Whether the organization leads at least one item in the group (an unknown organization leads none). */
  async leadsInGroup(db: EntityManager, organizationId: string, groupId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM action_items WHERE lead_organization_id = $1 AND group_id = $2 LIMIT 1`,
      [organizationId, groupId],
    );
    return rows.length > 0;
  }

  /** Check-ins whose next date is on or before `today`, in groups not archived. */
  due(today: string): Promise<DueCheckIn[]> {
    return this.db.query(
      `SELECT x.*, g.name AS "groupName" FROM (${CHECK_IN_SELECT} WHERE c.next_date <= $1::date) x
         JOIN working_groups g ON g.id = x."groupId"
        WHERE g.archived_at IS NULL
        ORDER BY x."nextDate", x.id
        LIMIT 500`,
      [today],
    );
  }

  /** The claim of one date: true for the one transaction that inserts it, false when another node already has. */
  async claim(tx: EntityManager, checkInId: string, dueDate: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO check_in_requests (check_in_id, due_date) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [checkInId, dueDate],
    );
    return rows.length > 0;
  }

  /** The open items the check-in asks about: its item, or each open item its organization leads in the group. */
  itemsOf(tx: EntityManager, checkIn: Pick<CheckInRecord, 'groupId' | 'actionItemId' | 'organizationId'>) {
    return tx.query(
      `${ACTION_SELECT}
        WHERE a.group_id = $1 AND a.status NOT IN ('done', 'cancelled')
          AND (a.id = $2::uuid OR ($2::uuid IS NULL AND a.lead_organization_id = $3::uuid))
        ORDER BY a.due_date NULLS LAST, a.created_at, a.id`,
      [checkIn.groupId, checkIn.actionItemId, checkIn.organizationId],
    ) as Promise<ActionItemView[]>;
  }

  /**
   * Moves the next date past `today` by whole periods (a date missed while no node ran is asked once, not once per
   * missed period), from the date just claimed.
   */
  async advance(tx: EntityManager, checkInId: string, claimed: string, today: string): Promise<void> {
    await tx.query(
      `UPDATE check_ins
          SET next_date = next_date + every_days * (($3::date - next_date) / every_days + 1)
        WHERE id = $1 AND next_date = $2::date`,
      [checkInId, claimed, today],
    );
  }
}
