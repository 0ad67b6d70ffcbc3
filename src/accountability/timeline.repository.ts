import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Outcome } from '../threads/entities/thread.entity';
import type { TimelineKind } from './timeline';

export interface TimelineRecommendationRow {
  id: string;
  groupId: string;
  kind: string;
  title: string;
  outcome: Outcome | null;
  reviewDate: string | null;
}

export interface TimelineRow {
  at: Date | string;
  kind: TimelineKind;
  actorId: string | null;
  actorName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  actionId: string | null;
  actionTitle: string | null;
  data: Record<string, unknown>;
}

/**
 * Every link of a recommendation's chain in one query, each as the same row: when, what, who, for which
 * organization, on which action, and the facts of it. Actions are the items made from the recommendation.
 */
const ENTRIES = `WITH actions AS (SELECT id, title, lead_organization_id, created_by, created_at
                   FROM action_items WHERE source_thread_id = $1)
  SELECT t.created_at AS at, 'proposed' AS kind, t.author_id AS "actorId", o.id AS "organizationId",
         NULL::uuid AS "actionId", '{}'::jsonb AS data
    FROM threads t LEFT JOIN users u ON u.id = t.author_id LEFT JOIN organizations o ON o.id = u.organization_id
   WHERE t.id = $1
  UNION ALL
  SELECT p.updated_at, 'position', p.user_id, p.organization_id, NULL, jsonb_build_object('position', p.position)
    FROM positions p WHERE p.thread_id = $1
  UNION ALL
  SELECT t.closed_at, 'outcome', t.closed_by, NULL, NULL,
         jsonb_build_object('outcome', t.outcome, 'reviewDate', to_char(t.review_date, 'YYYY-MM-DD'))
    FROM threads t WHERE t.id = $1 AND t.outcome IS NOT NULL AND t.closed_at IS NOT NULL
  UNION ALL
  SELECT a.created_at, 'action-created', a.created_by, a.lead_organization_id, a.id, '{}'::jsonb FROM actions a
  UNION ALL
  SELECT m.created_at, 'milestone-added', m.created_by, NULL, m.action_item_id, jsonb_build_object('title', m.title)
    FROM action_item_milestones m JOIN actions a ON a.id = m.action_item_id
  UNION ALL
  SELECT m.done_at, 'milestone-done', m.done_by, NULL, m.action_item_id, jsonb_build_object('title', m.title)
    FROM action_item_milestones m JOIN actions a ON a.id = m.action_item_id WHERE m.done_at IS NOT NULL
  UNION ALL
  SELECT c.claimed_at, 'claim', c.claimed_by, c.organization_id, c.action_item_id,
         jsonb_build_object('percent', c.percent, 'evidenceCount',
           (SELECT count(*) FROM attachments f
             WHERE f.action_item_comment_id = c.note_id AND f.place = 'progress' AND f.status = 'attached'))
    FROM progress_claims c JOIN actions a ON a.id = c.action_item_id
  UNION ALL
  SELECT c.decided_at, 'claim-verified', c.decided_by, c.decider_organization_id, c.action_item_id,
         jsonb_build_object('percent', c.percent)
    FROM progress_claims c JOIN actions a ON a.id = c.action_item_id WHERE c.state = 'verified'
  UNION ALL
  SELECT c.decided_at, 'claim-returned', c.decided_by, c.decider_organization_id, c.action_item_id,
         jsonb_build_object('percent', c.percent, 'reason', c.reason)
    FROM progress_claims c JOIN actions a ON a.id = c.action_item_id WHERE c.state = 'returned'
  UNION ALL
  SELECT r.opened_at, 'review', NULL, NULL, NULL,
         jsonb_build_object('reviewThreadId', r.review_thread_id, 'reviewDate', to_char(r.review_date, 'YYYY-MM-DD'))
    FROM recommendation_reviews r WHERE r.recommendation_id = $1`;

/** A recommendation's timeline: the thread, and every entry with the names as they are now. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly db: DataSource) {}

  async recommendation(id: string): Promise<TimelineRecommendationRow | undefined> {
    const [row]: TimelineRecommendationRow[] = await this.db.query(
      `SELECT id, group_id AS "groupId", kind, title, outcome, to_char(review_date, 'YYYY-MM-DD') AS "reviewDate"
         FROM threads WHERE id = $1`,
      [id],
    );
    return row;
  }

  entries(recommendationId: string): Promise<TimelineRow[]> {
    return this.db.query(
      `SELECT e.at, e.kind, e."actorId", u.display_name AS "actorName", e."organizationId",
              o.name AS "organizationName", e."actionId", a.title AS "actionTitle", e.data
         FROM (${ENTRIES}) e
         LEFT JOIN users u ON u.id = e."actorId"
         LEFT JOIN organizations o ON o.id = e."organizationId"
         LEFT JOIN action_items a ON a.id = e."actionId"`,
      [recommendationId],
    );
  }
}
