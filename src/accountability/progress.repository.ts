import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ActionStatus } from '../action-items/status-transitions';
import type { Outcome } from '../threads/entities/thread.entity';

export interface RecommendationRow {
  id: string;
  groupId: string;
  title: string;
  outcome: Outcome | null;
  objectives: number[];
}

/** One action item with what its figures are made of and what a roll-up shows of it. */
export interface ProgressItemRow {
  id: string;
  groupId: string;
  title: string;
  status: ActionStatus;
  recommendationId: string | null;
  leadOrganizationId: string | null;
  leadOrganizationName: string | null;
  supportingOrganizationIds: string[];
  weight: number;
  progress: number | null;
  verifiedProgress: number | null;
  milestonesDone: number;
  milestonesTotal: number;
  claimPending: boolean;
  overdue: boolean;
  evidenceCount: number;
}

export interface GroupRow {
  id: string;
  name: string;
}

const RECOMMENDATIONS = `SELECT t.id, t.group_id AS "groupId", t.title, t.outcome, t.gcm_objectives AS objectives
   FROM threads t
  WHERE t.kind = 'recommendation' AND ($1::uuid IS NULL OR t.group_id = $1::uuid)
  ORDER BY t.created_at, t.id`;

/**
 * Every item in scope in one pass: evidence and pending claims counted by grouped joins over the scope, not probed
 * item by item. An item counts for a recommendation when it was made from it or from a message in its thread.
 */
const ITEMS = `WITH items AS MATERIALIZED (
    SELECT a.* FROM action_items a WHERE $1::uuid IS NULL OR a.group_id = $1::uuid),
  evidence AS (
    SELECT f.action_item_id AS id, count(*)::int AS n FROM attachments f JOIN items i ON i.id = f.action_item_id
     WHERE f.status = 'attached' GROUP BY f.action_item_id),
  pending AS (
    SELECT DISTINCT c.action_item_id AS id FROM progress_claims c JOIN items i ON i.id = c.action_item_id
     WHERE c.state = 'pending'),
  supporting AS (
    SELECT ao.action_item_id AS id, array_agg(ao.organization_id) AS ids
      FROM action_item_organizations ao JOIN items i ON i.id = ao.action_item_id GROUP BY ao.action_item_id)
  SELECT a.id, a.group_id AS "groupId", a.title, a.status,
         CASE WHEN st.kind = 'recommendation' THEN a.source_thread_id END AS "recommendationId",
         a.lead_organization_id AS "leadOrganizationId", lo.name AS "leadOrganizationName",
         coalesce(s.ids, '{}') AS "supportingOrganizationIds", a.weight, a.progress,
         a.verified_progress AS "verifiedProgress", a.milestones_done AS "milestonesDone",
         a.milestones_total AS "milestonesTotal", p.id IS NOT NULL AS "claimPending",
         coalesce(a.due_date < current_date AND a.status NOT IN ('done', 'cancelled'), false) AS overdue,
         coalesce(e.n, 0) AS "evidenceCount"
    FROM items a
    LEFT JOIN threads st ON st.id = a.source_thread_id
    LEFT JOIN organizations lo ON lo.id = a.lead_organization_id
    LEFT JOIN evidence e ON e.id = a.id
    LEFT JOIN pending p ON p.id = a.id
    LEFT JOIN supporting s ON s.id = a.id
   ORDER BY a.due_date NULLS LAST, a.created_at, a.id`;

/** The rows progress figures are made from, for one group or the whole workspace. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly db: DataSource) {}

  recommendations(groupId: string | null, db: EntityManager = this.db.manager): Promise<RecommendationRow[]> {
    return db.query(RECOMMENDATIONS, [groupId]);
  }

  async items(groupId: string | null, db: EntityManager = this.db.manager): Promise<ProgressItemRow[]> {
    const rows: ProgressItemRow[] = await db.query(ITEMS, [groupId]);
    return rows.map((row) => ({
      ...row,
      weight: Number(row.weight),
      progress: row.progress === null ? null : Number(row.progress),
      verifiedProgress: row.verifiedProgress === null ? null : Number(row.verifiedProgress),
      milestonesDone: Number(row.milestonesDone),
      milestonesTotal: Number(row.milestonesTotal),
    }));
  }

  groups(groupId: string | null): Promise<GroupRow[]> {
    return this.db.query(
      `SELECT id, name FROM working_groups WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY name, id`,
      [groupId],
    );
  }
}
