import { MigrationInterface, QueryRunner } from 'typeorm';

/** Action items with supporting organizations, their change history, comments and the reminders sent. */
export class ActionItems1764212400000 implements MigrationInterface {
  name = 'ActionItems1764212400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "action_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "source_type" character varying(16), "source_id" uuid, "source_thread_id" uuid, "lead_organization_id" uuid, "focal_person_id" uuid, "due_date" date, "priority" character varying(8) NOT NULL DEFAULT 'medium', "gcm_objectives" smallint array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'open', "status_reason" text, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "action_items_objectives_check" CHECK ("gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]), CONSTRAINT "action_items_priority_check" CHECK ("priority" IN ('low', 'medium', 'high')), CONSTRAINT "action_items_status_check" CHECK ("status" IN ('open', 'in-progress', 'done', 'blocked', 'cancelled')), CONSTRAINT "PK_5a84b168b001636b379312104ab" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "action_items_lead_idx" ON "action_items"("lead_organization_id") `);
    await q.query(`CREATE INDEX "action_items_focal_idx" ON "action_items"("focal_person_id") `);
    await q.query(`CREATE INDEX "action_items_group_status_idx" ON "action_items"("group_id", "status", "due_date") `);
    await q.query(
      `CREATE TABLE "action_item_changes" ("id" BIGSERIAL NOT NULL, "action_item_id" uuid NOT NULL, "field" character varying(32) NOT NULL, "before" jsonb, "after" jsonb, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fade7455b0f778078ed969977d5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "action_item_changes_item_idx" ON "action_item_changes"("action_item_id", "id") `);
    await q.query(
      `CREATE TABLE "action_item_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "author_id" uuid, "kind" character varying(16) NOT NULL, "body" text NOT NULL, "body_html" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "action_item_comments_kind_check" CHECK ("kind" IN ('comment', 'progress')), CONSTRAINT "PK_0ea032cb805a68a441ee7f4ad96" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "action_item_comments_item_idx" ON "action_item_comments"("action_item_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "action_item_organizations" ("action_item_id" uuid NOT NULL, "organization_id" uuid NOT NULL, CONSTRAINT "PK_c2df93d5ece9ca4f16e11018fe3" PRIMARY KEY ("action_item_id", "organization_id"))`,
    );
    await q.query(
      `CREATE TABLE "action_item_reminders" ("action_item_id" uuid NOT NULL, "threshold" character varying(16) NOT NULL, "due_date" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b313c1dfcfcf796413c3379b62a" PRIMARY KEY ("action_item_id", "threshold", "due_date"))`,
    );
    await q.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "FK_c7e1a9afe8fbcef86d722a3904a" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "FK_3485154c2ca9efd8e0ffc542d1a" FOREIGN KEY ("lead_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "FK_ae736f82328ca344fa11cb4cc9c" FOREIGN KEY ("focal_person_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_changes" ADD CONSTRAINT "FK_e4a8564f9abc27ea195bdbc07be" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_comments" ADD CONSTRAINT "FK_0fd100b2b928dd6a5a8db39eb02" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_organizations" ADD CONSTRAINT "FK_95b97cc500775060d449fa90d38" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_organizations" ADD CONSTRAINT "FK_f22ffe7a64ce0cbf2e3a12672bd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_reminders" ADD CONSTRAINT "FK_4e3cb4230fd167e13a0b0c9f5e3" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'action_item_reminders',
      'action_item_comments',
      'action_item_changes',
      'action_item_organizations',
      'action_items',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
