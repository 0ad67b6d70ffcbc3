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

const OVERDUE = `count(*) FILTER (WHERE a.due_date < current_date AND a.status NOT IN ('done', 'cancelled'))`;

/** Each item's evidence files (its own and its progress notes'), counted through the attachments' item index. */
const EVIDENCE = `CROSS JOIN LATERAL (SELECT count(*) AS n FROM attachments f
                    WHERE f.action_item_id = a.id AND f.status = 'attached') ev`;

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

/** The counts behind progress reports, per dimension and status, over one group's action items or all. */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  async counts(groupId: string | null, period: ReportPeriod): Promise<ReportCounts> {
    const scope = SCOPE;
    const dimension = (select: string, from: string, group: string): Promise<DimensionCount[]> =>
      this.db.query(
        `SELECT ${select}, a.status, count(*) AS count, ${OVERDUE} AS overdue, coalesce(sum(ev.n), 0) AS evidence
           FROM action_items a ${from} ${EVIDENCE}
          WHERE ${scope} GROUP BY ${group}, a.status ORDER BY 2 NULLS LAST, 1 NULLS LAST`,
        [groupId, period.from, period.to],
      );
    const [totals, recommendations, objectives, organizations, groups] = await Promise.all([
      dimension(`'all' AS key, NULL AS label`, '', `1`),
      dimension(
        `t.id::text AS key, t.title AS label`,
        `LEFT JOIN threads t ON t.id = a.source_thread_id AND t.kind = 'recommendation'`,
        `t.id, t.title`,
      ),
      dimension(`o::text AS key, NULL AS label`, `CROSS JOIN LATERAL unnest(a.gcm_objectives) AS o`, `o`),
      dimension(
        `lo.id::text AS key, lo.name AS label`,
        `LEFT JOIN organizations lo ON lo.id = a.lead_organization_id`,
        `lo.id, lo.name`,
      ),
      groupId
        ? Promise.resolve([])
        : dimension(`g.id::text AS key, g.name AS label`, `JOIN working_groups g ON g.id = a.group_id`, `g.id, g.name`),
    ]);
    return { totals, recommendations, objectives, organizations, groups };
  }

  /** Each item's latest progress note, newest first (at most `limit` items): what was done, in the words of those doing it. */
  narrative(groupId: string | null, period: ReportPeriod, limit = 200): Promise<NarrativeRow[]> {
    return this.db.query(
      `SELECT a.id AS "actionId", a.title, a.status, g.id AS "groupId", g.name AS "groupName",
              n.body, n.created_at AS at, u.display_name AS "authorName"
         FROM action_items a
         JOIN working_groups g ON g.id = a.group_id
         JOIN LATERAL (SELECT c.body, c.created_at, c.author_id FROM action_item_comments c
                        WHERE c.action_item_id = a.id AND c.kind = 'progress'
                        ORDER BY c.created_at DESC LIMIT 1) n ON true
         LEFT JOIN users u ON u.id = n.author_id
        WHERE ${SCOPE}
        ORDER BY n.created_at DESC LIMIT $4`,
      [groupId, period.from, period.to, limit],
    );
  }
}
