import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email: the outbox of outgoing emails, each reader's delivery per notification type (for all groups or one), the
 * reader's time zone, working days and hours and digest settings, and whether each notification is emailed.
 * The job queue's own tables (schema pgboss) are created and upgraded by pg-boss at start, under its lock.
 */
export class Email1764810000000 implements MigrationInterface {
  name = 'Email1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outgoing_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(48) NOT NULL, "user_id" uuid, "to_address" character varying(254), "notification_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'queued', "subject" character varying(1000), "message_id" character varying(255), "error" character varying(1000), "attempts" integer NOT NULL DEFAULT '0', "file" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_8c3c05d510659b5c70beda19d00" UNIQUE ("notification_id"), CONSTRAINT "PK_1ed08b7e58bb489239f09b55820" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "outgoing_emails_created_idx" ON "outgoing_emails" ("created_at")`);
    await q.query(
      `CREATE TABLE "notification_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "group_id" uuid, "type" character varying(48) NOT NULL, "delivery" character varying(8) NOT NULL, CONSTRAINT "PK_d131abd7996c475ef768d4559ba" PRIMARY KEY ("id"))`,
    );
    // One setting per reader, type and group, where "every group" (NULL) counts as one value.
    await q.query(
      `CREATE UNIQUE INDEX "notification_settings_key" ON "notification_settings" ("user_id", "type", (COALESCE("group_id", '00000000-0000-0000-0000-000000000000'::uuid)))`,
    );
    await q.query(`ALTER TABLE "users" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'UTC'`);
    await q.query(`ALTER TABLE "users" ADD "weekend_days" smallint array NOT NULL DEFAULT '{6,7}'`);
    await q.query(`ALTER TABLE "users" ADD "work_start_hour" smallint NOT NULL DEFAULT '8'`);
    await q.query(`ALTER TABLE "users" ADD "work_end_hour" smallint NOT NULL DEFAULT '18'`);
    await q.query(`ALTER TABLE "users" ADD "digest" character varying(8) NOT NULL DEFAULT 'daily'`);
    await q.query(`ALTER TABLE "users" ADD "digest_hour" smallint NOT NULL DEFAULT '8'`);
    await q.query(`ALTER TABLE "users" ADD "last_digest_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "notifications" ADD "email" character varying(8) NOT NULL DEFAULT 'none'`);
    await q.query(`ALTER TABLE "notifications" ADD "digested_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE INDEX "notifications_digest_idx" ON "notifications" ("user_id", "created_at") WHERE "email" = 'digest' AND "digested_at" IS NULL AND "read_at" IS NULL`,
    );
    await q.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_1cfe7decac1a072af418b3b860c" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "notifications_digest_idx"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "digested_at"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "email"`);
    for (const column of ['last_digest_at', 'digest_hour', 'digest', 'work_end_hour', 'work_start_hour']) {
      await q.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "users" DROP COLUMN "weekend_days"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "time_zone"`);
    await q.query(`DROP TABLE "notification_settings"`);
    await q.query(`DROP TABLE "outgoing_emails"`);
  }
}
