import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionStatus } from './status-transitions';

/** One count of a report: items of one key of a dimension in one status, and how many of them are overdue. */
export interface DimensionCount {
  key: string | null;
  label: string | null;
  status: ActionStatus;
  count: string;
  overdue: string;
  /** Attached files on these items and their progress notes. */
  evidence: string;
}

export interface ReportCounts {
  totals: DimensionCount[];
  recommendations: DimensionCount[];
  objectives: DimensionCount[];
  organizations: DimensionCount[];
  /** Empty for one group's report. */
  groups: DimensionCount[];
}

/** A report's period: action items created from `from` to `to` (days, inclusive, UTC); either end may be open. */
export interface ReportPeriod {
  from: string | null;
  to: string | null;
}

/** One action item's latest progress note, for a report's narrative. */
export interface NarrativeRow {
  actionId: string;
  title: string;
  status: ActionStatus;
  groupId: string;
  groupName: string;
  body: string;
  at: Date;
  authorName: string | null;
}

/** The items a report counts: one group's (or all) and those created in the period. */
const SCOPE = `($1::uuid IS NULL OR a.group_id = $1::uuid)
  AND ($2::date IS NULL OR a.created_at >= $2::date) AND ($3::date IS NULL OR a.created_at < $3::date + 1)`;

/**
 * One pass over the items in scope (the workspace report's scope is every item): each item's overdue flag and
 * evidence (files on it and on its progress notes, counted in one grouped read, not one probe per item) are worked
 * out once, then counted per status for every dimension of the report from that one set.
 */
const COUNTS = `WITH items AS MATERIALIZED (
    SELECT a.id, a.status, a.group_id, a.source_thread_id, a.lead_organization_id, a.gcm_objectives,
           a.due_date < current_date AND a.status NOT IN ('done', 'cancelled') AS late
      FROM action_items a WHERE ${SCOPE}),
  evidence AS (
    SELECT f.action_item_id AS id, count(*) AS n FROM attachments f JOIN items i ON i.id = f.action_item_id
     WHERE f.status = 'attached' GROUP BY f.action_item_id),
  scoped AS MATERIALIZED (
    SELECT i.*, coalesce(e.n, 0) AS evidence FROM items i LEFT JOIN evidence e ON e.id = i.id)
  SELECT dim, key, label, status, count(*) AS count, count(*) FILTER (WHERE late) AS overdue,
         coalesce(sum(evidence), 0) AS evidence
    FROM (SELECT 'totals' AS dim, 'all' AS key, NULL AS label, s.status, s.late, s.evidence FROM scoped s
          UNION ALL
          SELECT 'recommendations', t.id::text, t.title, s.status, s.late, s.evidence FROM scoped s
            LEFT JOIN threads t ON t.id = s.source_thread_id AND t.kind = 'recommendation'
          UNION ALL
          SELECT 'objectives', o::text, NULL, s.status, s.late, s.evidence FROM scoped s
            CROSS JOIN LATERAL unnest(s.gcm_objectives) AS o
          UNION ALL
          SELECT 'organizations', lo.id::text, lo.name, s.status, s.late, s.evidence FROM scoped s
            LEFT JOIN organizations lo ON lo.id = s.lead_organization_id
          UNION ALL
          SELECT 'groups', g.id::text, g.name, s.status, s.late, s.evidence FROM scoped s
            JOIN working_groups g ON g.id = s.group_id WHERE $1::uuid IS NULL) rows
   GROUP BY dim, key, label, status
   ORDER BY dim, label NULLS LAST, key NULLS LAST`;

const NARRATIVE_COLUMNS = `a.id AS "actionId", a.title, a.status, g.id AS "groupId", g.name AS "groupName",
  n.body, n.created_at AS at, u.display_name AS "authorName"`;

/** One group's narrative: its items (an index range), each one's latest progress note, the newest first. */
const GROUP_NARRATIVE = `SELECT ${NARRATIVE_COLUMNS}
   FROM action_items a
   JOIN working_groups g ON g.id = a.group_id
   JOIN LATERAL (SELECT c.body, c.created_at, c.author_id FROM action_item_comments c
                  WHERE c.action_item_id = a.id AND c.kind = 'progress'
                  ORDER BY c.created_at DESC, c.id DESC LIMIT 1) n ON true
   LEFT JOIN users u ON u.id = n.author_id
  WHERE ${SCOPE}
  ORDER BY n.created_at DESC LIMIT $4`;

/**
 * The workspace's narrative walks progress notes newest first (their time index) and keeps each item's latest one,
 * until it has enough: a few hundred notes read, not one lookup per item of the workspace.
 */
const WORKSPACE_NARRATIVE = `SELECT ${NARRATIVE_COLUMNS}
   FROM action_item_comments n
   JOIN action_items a ON a.id = n.action_item_id
   JOIN working_groups g ON g.id = a.group_id
   LEFT JOIN users u ON u.id = n.author_id
  WHERE n.kind = 'progress' AND ${SCOPE}
    AND NOT EXISTS (SELECT 1 FROM action_item_comments later
                     WHERE later.action_item_id = n.action_item_id AND later.kind = 'progress'
                       AND (later.created_at, later.id) > (n.created_at, n.id))
  ORDER BY n.created_at DESC LIMIT $4`;

type Dimension = keyof ReportCounts;

/** The counts behind progress reports, per dimension and status, over one group's action items or all. */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  async counts(groupId: string | null, period: ReportPeriod): Promise<ReportCounts> {
    const rows: (DimensionCount & { dim: Dimension })[] = await this.db.query(COUNTS, [
      groupId,
      period.from,
      period.to,
    ]);
    const counts: ReportCounts = { totals: [], recommendations: [], objectives: [], organizations: [], groups: [] };
    for (const { dim, ...row } of rows) counts[dim].push(row);
    return counts;
  }

  /** Each item's latest progress note, newest first (at most `limit` items): what was done, in the words of those doing it. */
  narrative(groupId: string | null, period: ReportPeriod, limit = 200): Promise<NarrativeRow[]> {
    return this.db.query(groupId ? GROUP_NARRATIVE : WORKSPACE_NARRATIVE, [groupId, period.from, period.to, limit]);
  }
}
