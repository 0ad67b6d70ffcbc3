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

/** The counts behind progress reports, per dimension and status, over one group's action items or all. */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  async counts(groupId: string | null): Promise<ReportCounts> {
    const scope = `($1::uuid IS NULL OR a.group_id = $1::uuid)`;
    const dimension = (select: string, from: string, group: string): Promise<DimensionCount[]> =>
      this.db.query(
        `SELECT ${select}, a.status, count(*) AS count, ${OVERDUE} AS overdue, coalesce(sum(ev.n), 0) AS evidence
           FROM action_items a ${from} ${EVIDENCE}
          WHERE ${scope} GROUP BY ${group}, a.status ORDER BY 2 NULLS LAST, 1 NULLS LAST`,
        [groupId],
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
}
