import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications store type + data, never prose: each reader's client renders them in their own language. The
 * English text of rows stored before is kept in their data (`text`), which a client shows when it has nothing
 * better; reverting puts it back in its column (rows stored since get their type there, the best there is).
 */
export class NotificationData1764475200000 implements MigrationInterface {
  name = 'NotificationData1764475200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "notifications" SET "data" = "data" || jsonb_build_object('text', "text")`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "text"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "text" character varying(500)`);
    await q.query(
      `UPDATE "notifications" SET "text" = left(coalesce("data"->>'text', "type"), 500), "data" = "data" - 'text'`,
    );
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "text" SET NOT NULL`);
  }
}
