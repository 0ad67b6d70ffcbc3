import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Position, PositionValue } from './entities/position.entity';
import { Outcome, Thread } from './entities/thread.entity';

/** A position with who took it and the organization they spoke for. */
export type PositionRecord = Pick<Position, 'userId' | 'organizationId' | 'position' | 'reason' | 'updatedAt'> & {
  displayName: string;
  organizationName: string | null;
};

export interface RecommendationOutcome {
  outcome: Outcome;
  statement: string;
  reviewDate: string | null;
  closedById: string;
}

/** Queries of recommendations: members' positions and the outcome that closes them. */
/**
 * Makes someone follow a recommendation (its progress and reviews): an endorser, or the focal person of one of its
 * actions. Nothing when the thread is not a recommendation or they follow it already (the first reason stays).
 * A function beside the repository so action items can call it without importing the threads module.
 */
export async function followRecommendation(
  tx: EntityManager,
  threadId: string,
  userId: string,
  reason: 'position' | 'lead',
): Promise<void> {
  await tx.query(
    `INSERT INTO recommendation_followers (thread_id, user_id, reason)
     SELECT id, $2, $3 FROM threads WHERE id = $1 AND kind = 'recommendation'
     ON CONFLICT DO NOTHING`,
    [threadId, userId, reason],
  );
}

@Injectable()
export class RecommendationRepository {
  /** Locks the thread until commit: whether it is a recommendation and still open. */
  async lock(tx: EntityManager, threadId: string): Promise<Pick<Thread, 'kind' | 'status'>> {
    const [row]: Pick<Thread, 'kind' | 'status'>[] = await tx.query(
      'SELECT kind, status FROM threads WHERE id = $1 FOR UPDATE',
      [threadId],
    );
    return row;
  }

  /**
   * Takes (or changes) the user's position, with the organization they speak for as they do: a later change of
   * affiliation leaves what was said, and for whom, as it was.
   */
  async setPosition(
    tx: EntityManager,
    threadId: string,
    userId: string,
    position: PositionValue,
    reason: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO positions (thread_id, user_id, position, reason, organization_id)
       SELECT $1, $2, $3, $4, organization_id FROM users WHERE id = $2
       ON CONFLICT (thread_id, user_id) DO UPDATE SET position = EXCLUDED.position, reason = EXCLUDED.reason,
         organization_id = EXCLUDED.organization_id, updated_at = now()`,
      [threadId, userId, position, reason],
    );
  }

  /** Whether a review of the recommendation is under discussion: its review thread exists and is not resolved. */
  async underReview(tx: EntityManager, threadId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM recommendation_reviews r JOIN threads t ON t.id = r.review_thread_id
        WHERE r.recommendation_id = $1 AND t.status <> 'resolved' LIMIT 1`,
      [threadId],
    );
    return rows.length > 0;
  }

  /** By organization name (members without one last), then by name. */
  positions(db: EntityManager, threadId: string): Promise<PositionRecord[]> {
    return db.query(
      `SELECT p.user_id AS "userId", u.display_name AS "displayName", o.id AS "organizationId",
              o.name AS "organizationName", p.position, p.reason, p.updated_at AS "updatedAt"
         FROM positions p JOIN users u ON u.id = p.user_id LEFT JOIN organizations o ON o.id = p.organization_id
        WHERE p.thread_id = $1 ORDER BY o.name NULLS LAST, u.display_name, p.user_id`,
      [threadId],
    );
  }

  async close(tx: EntityManager, threadId: string, outcome: RecommendationOutcome): Promise<void> {
    await tx.query(
      `UPDATE threads SET status = 'closed', outcome = $2, outcome_statement = $3, review_date = $4, closed_at = now(),
              closed_by = $5, last_activity_at = now(), updated_at = now()
        WHERE id = $1`,
      [threadId, outcome.outcome, outcome.statement, outcome.reviewDate, outcome.closedById],
    );
  }
}
