import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closed recommendations by review date (issue 23, reviews): the reviews job asks every five minutes which are due,
 * a few rows among all threads; a partial index answers without reading the discussions.
 */
export class ReviewDueIndex1765120100000 implements MigrationInterface {
  name = 'ReviewDueIndex1765120100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "threads_review_due_idx" ON "threads" ("review_date") WHERE "kind" = 'recommendation' AND "status" = 'closed' AND "review_date" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "threads_review_due_idx"`);
  }
}
