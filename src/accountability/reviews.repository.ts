import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A closed recommendation whose review date has come and whose review for that date is not open yet. */
export interface DueReview {
  id: string;
  groupId: string;
  groupName: string;
  title: string;
  reviewDate: string;
}

/** An action item counts for a recommendation when it was made from it or from a message in its thread. */
const ITEMS_OF = `SELECT a.id, a.lead_organization_id FROM action_items a WHERE a.source_thread_id = $1`;

/** The reviews of recommendations on their review dates: what is due, the claim, who is asked. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly db: DataSource) {}

  /** Due on or before `today` (a date missed while no node ran is reviewed late, not skipped); not in archived groups. */
  due(today: string): Promise<DueReview[]> {
    return this.db.query(
      `SELECT t.id, t.group_id AS "groupId", g.name AS "groupName", t.title,
              to_char(t.review_date, 'YYYY-MM-DD') AS "reviewDate"
         FROM threads t JOIN working_groups g ON g.id = t.group_id
        WHERE t.kind = 'recommendation' AND t.status = 'closed' AND t.review_date <= $1::date
          AND g.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM recommendation_reviews r
                           WHERE r.recommendation_id = t.id AND r.review_date = t.review_date)
        ORDER BY t.review_date, t.id
        LIMIT 200`,
      [today],
    );
  }

  /** The claim: the review's id for the one transaction that inserts it, null when another node already has. */
  async claim(tx: EntityManager, recommendationId: string, reviewDate: string): Promise<string | null> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO recommendation_reviews (recommendation_id, review_date, summary) VALUES ($1, $2, '{}')
       ON CONFLICT (recommendation_id, review_date) DO NOTHING RETURNING id`,
      [recommendationId, reviewDate],
    );
    return rows[0]?.id ?? null;
  }

  async complete(tx: EntityManager, reviewId: string, threadId: string, summary: object): Promise<void> {
    await tx.query(`UPDATE recommendation_reviews SET review_thread_id = $2, summary = $3 WHERE id = $1`, [
      reviewId,
      threadId,
      JSON.stringify(summary),
    ]);
  }

  /** The review discussion, written by no one (the system). */
  async insertThread(tx: EntityManager, groupId: string, title: string): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO threads (group_id, kind, title, author_id) VALUES ($1, 'discussion', $2, NULL) RETURNING id`,
      [groupId, title],
    );
    return id;
  }

  /** Its actions with a verified claim: their files are the review's verified evidence. */
  async verifiedItems(tx: EntityManager, recommendationId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await tx.query(
      `SELECT i.id FROM (${ITEMS_OF}) i
        WHERE EXISTS (SELECT 1 FROM progress_claims c WHERE c.action_item_id = i.id AND c.state = 'verified')`,
      [recommendationId],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Who is asked to restate a position: the group's members whose organization took a position on the
   * recommendation or leads or supports one of its actions, and those who follow it (while still members).
   */
  async askedOf(tx: EntityManager, recommendationId: string, groupId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await tx.query(
      `WITH items AS (${ITEMS_OF}),
       organizations AS (
         SELECT p.organization_id AS id FROM positions p WHERE p.thread_id = $1 AND p.organization_id IS NOT NULL
         UNION SELECT i.lead_organization_id FROM items i WHERE i.lead_organization_id IS NOT NULL
         UNION SELECT ao.organization_id FROM action_item_organizations ao JOIN items i ON i.id = ao.action_item_id)
       SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.group_id = $2
          AND (u.organization_id IN (SELECT id FROM organizations)
               OR EXISTS (SELECT 1 FROM recommendation_followers f WHERE f.thread_id = $1 AND f.user_id = m.user_id))
        ORDER BY m.user_id`,
      [recommendationId, groupId],
    );
    return rows.map((row) => row.user_id);
  }
}
