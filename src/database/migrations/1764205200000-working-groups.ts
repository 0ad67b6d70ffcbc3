import { MigrationInterface, QueryRunner } from 'typeorm';

/** Working groups, memberships, invitations, the audit log, the change feed, idempotency keys, notifications. */
export class WorkingGroups1764205200000 implements MigrationInterface {
  name = 'WorkingGroups1764205200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "group_id" uuid NOT NULL, "actor_id" uuid, "action" character varying(64) NOT NULL, "subject_id" uuid, "before" jsonb, "after" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_log_group_idx" ON "audit_log"("group_id", "id") `);
    await q.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "group_id" uuid NOT NULL, "level" character varying(32) NOT NULL, CONSTRAINT "PK_7ec5d000961c941c0daab081c0a" PRIMARY KEY ("user_id", "group_id"))`,
    );
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" character varying(48) NOT NULL, "group_id" uuid, "subject_type" character varying(32), "subject_id" uuid, "text" character varying(500) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "notifications_user_idx" ON "notifications"("user_id", "created_at", "id") `);
    await q.query(
      `CREATE TABLE "group_events" ("group_id" uuid NOT NULL, "seq" bigint NOT NULL, "type" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6418bd8f88f669b998188c5ef85" PRIMARY KEY ("group_id", "seq"))`,
    );
    await q.query(`CREATE INDEX "group_events_created_idx" ON "group_events"("created_at") `);
    await q.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "client_id" character varying(64) NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9a5e9d6962f68569f1325bbe022" PRIMARY KEY ("user_id", "client_id"))`,
    );
    await q.query(
      `CREATE TABLE "working_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "purpose" text NOT NULL DEFAULT '', "gcm_objectives" smallint array NOT NULL DEFAULT '{}', "archived_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "last_seq" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_95e6a3cace78635e0e7c85ddc98" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "role" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "invited_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash"), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "invitations_group_idx" ON "invitations"("group_id", "created_at") `);
    await q.query(
      `CREATE TABLE "memberships" ("group_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3923edf77fc86ff52c078826b25" PRIMARY KEY ("group_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "memberships_user_idx" ON "memberships"("user_id") `);
    await q.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_06b302ebb4ecf4725f6278cdf42" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_29b1cef6891d9b9d4e35f793b81" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_253a15e6c430fc2e5bb84c4afda" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Unread notifications are counted on every page load: a partial index keeps that cheap.
    await q.query(`CREATE INDEX "notifications_unread_idx" ON "notifications" ("user_id") WHERE "read_at" IS NULL`);
    // Objectives are 1 to 23 whatever path writes them.
    await q.query(
      `ALTER TABLE "working_groups" ADD CONSTRAINT "working_groups_objectives_check" CHECK ("gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[])`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_check" CHECK ("role" IN ('facilitator', 'member', 'observer'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'memberships',
      'invitations',
      'working_groups',
      'idempotency_keys',
      'group_events',
      'notifications',
      'notification_preferences',
      'audit_log',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
