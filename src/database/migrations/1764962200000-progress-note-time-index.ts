import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress notes by time (issue 22, data scale): the workspace report's narrative walks the newest notes until it has
 * each item's latest, instead of looking up the latest note of every action item in the workspace.
 */
export class ProgressNoteTimeIndex1764962200000 implements MigrationInterface {
  name = 'ProgressNoteTimeIndex1764962200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "action_item_comments_kind_time_idx" ON "action_item_comments" ("kind", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "action_item_comments_kind_time_idx"`);
  }
}
