import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ActionStatus } from '../action-items/status-transitions';

/** One action item of a group as the workbook shows it and as the import checks it. */
export interface WorkbookItemRow {
  id: string;
  title: string;
  recommendation: string | null;
  leadOrganizationId: string | null;
  leadOrganizationName: string | null;
  focalPersonId: string | null;
  status: ActionStatus;
  weight: number;
  progress: number | null;
  verifiedProgress: number | null;
  milestonesDone: number;
  milestonesTotal: number;
  dueDate: string | null;
}

/** The workbook's reads: the group's items as the sheet shows them, and whether the group is archived. */
@Injectable()
export class ProgressImportRepository {
  constructor(private readonly db: DataSource) {}

  /** The group's items in the order the Actions sheet lists them (oldest first). */
  async items(groupId: string, tx: EntityManager = this.db.manager): Promise<WorkbookItemRow[]> {
    return tx.query(
      `SELECT a.id, a.title, CASE WHEN st.kind = 'recommendation' THEN st.title END AS recommendation,
              a.lead_organization_id AS "leadOrganizationId", o.name AS "leadOrganizationName",
              a.focal_person_id AS "focalPersonId", a.status, a.weight, a.progress,
              a.verified_progress AS "verifiedProgress", a.milestones_done AS "milestonesDone",
              a.milestones_total AS "milestonesTotal", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM action_items a
         LEFT JOIN threads st ON st.id = a.source_thread_id
         LEFT JOIN organizations o ON o.id = a.lead_organization_id
        WHERE a.group_id = $1
        ORDER BY a.created_at, a.id`,
      [groupId],
    );
  }

  async archived(groupId: string): Promise<boolean> {
    const [row]: { archived: boolean }[] = await this.db.query(
      'SELECT archived_at IS NOT NULL AS archived FROM working_groups WHERE id = $1',
      [groupId],
    );
    return row?.archived ?? false;
  }
}
