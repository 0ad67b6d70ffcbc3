import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MilestoneView } from './dto/milestone.dto';

const MILESTONE_SELECT = `SELECT m.id, m.action_item_id AS "actionItemId", m.title,
    to_char(m.due_date, 'YYYY-MM-DD') AS "dueDate", m.position, m.done_at AS "doneAt", m.done_by AS "doneById",
    u.display_name AS "doneByName", m.created_at AS "createdAt"
  FROM action_item_milestones m LEFT JOIN users u ON u.id = m.done_by`;

export interface MilestoneChanges {
  title?: string;
  dueDate?: string | null;
  done?: boolean;
}

/** Milestones of action items, and the counts on the item that its derived progress is made of. */
@Injectable()
export class MilestoneRepository {
  constructor(private readonly db: DataSource) {}

  list(actionItemId: string): Promise<MilestoneView[]> {
    return this.db.query(`${MILESTONE_SELECT} WHERE m.action_item_id = $1 ORDER BY m.position, m.created_at`, [
      actionItemId,
    ]);
  }

  async find(db: EntityManager, id: string): Promise<MilestoneView | undefined> {
    const [row]: MilestoneView[] = await db.query(`${MILESTONE_SELECT} WHERE m.id = $1`, [id]);
    return row;
  }

  /** The item a milestone is on, locking the milestone until commit. */
  async itemOf(db: EntityManager, id: string): Promise<string | undefined> {
    const [row]: { actionItemId: string }[] = await db.query(
      `SELECT action_item_id AS "actionItemId" FROM action_item_milestones WHERE id = $1`,
      [id],
    );
    return row?.actionItemId;
  }

  /** Last on the item; the item row is locked by the caller, so positions never collide. */
  async insert(
    tx: EntityManager,
    milestone: { actionItemId: string; title: string; dueDate: string | null; createdById: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO action_item_milestones (action_item_id, title, due_date, position, created_by)
       SELECT $1, $2, $3, coalesce(max(position) + 1, 0), $4 FROM action_item_milestones WHERE action_item_id = $1
       RETURNING id`,
      [milestone.actionItemId, milestone.title, milestone.dueDate, milestone.createdById],
    );
    return id;
  }

  /** Done keeps who and when it was first marked done; not done clears both. */
  async update(tx: EntityManager, id: string, changes: MilestoneChanges, userId: string): Promise<void> {
    await tx.query(
      `UPDATE action_item_milestones
          SET title = coalesce($2, title),
              due_date = CASE WHEN $3::boolean THEN $4::date ELSE due_date END,
              done_at = CASE WHEN $5::boolean IS NULL THEN done_at WHEN $5 THEN coalesce(done_at, now()) END,
              done_by = CASE WHEN $5::boolean IS NULL THEN done_by WHEN $5 THEN coalesce(done_by, $6::uuid) END
        WHERE id = $1`,
      [id, changes.title ?? null, changes.dueDate !== undefined, changes.dueDate ?? null, changes.done ?? null, userId],
    );
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM action_item_milestones WHERE id = $1`, [id]);
  }

  /** Locks the item until commit: changes to its milestones and claims are made one after another. */
  async lockItem(tx: EntityManager, actionItemId: string): Promise<void> {
    await tx.query(`SELECT id FROM action_items WHERE id = $1 FOR UPDATE`, [actionItemId]);
  }

  /** Counts the item's milestones again and moves it to its next version: open views hear it changed. */
  async recount(tx: EntityManager, actionItemId: string): Promise<void> {
    await tx.query(
      `UPDATE action_items a
          SET milestones_done = c.done, milestones_total = c.total, version = a.version + 1, updated_at = now()
         FROM (SELECT count(*) FILTER (WHERE done_at IS NOT NULL)::int AS done, count(*)::int AS total
                 FROM action_item_milestones WHERE action_item_id = $1) c
        WHERE a.id = $1`,
      [actionItemId],
    );
  }
}
