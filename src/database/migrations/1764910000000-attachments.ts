import { MigrationInterface, QueryRunner } from 'typeorm';

const VECTOR = `tansiq_search_vector("name")`;

/**
 * TEMPORARY (branch att-places): the attachments table as the entity declares it, so the places' tests run before
 * CORE's migration of the same name lands. The lead replaces this file with CORE's.
 */
export class Attachments1764910000000 implements MigrationInterface {
  name = 'Attachments1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "attachments" (
        "id" uuid NOT NULL,
        "group_id" uuid NOT NULL,
        "uploader_id" uuid,
        "name" character varying(255) NOT NULL,
        "content_type" character varying(127) NOT NULL,
        "size" bigint NOT NULL DEFAULT '0',
        "sha256" character(64),
        "storage" character varying(8) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'uploading',
        "place" character varying(8),
        "message_id" uuid,
        "thread_id" uuid,
        "action_item_id" uuid,
        "action_item_comment_id" uuid,
        "width" integer,
        "height" integer,
        "page_count" integer,
        "has_thumbnail" boolean NOT NULL DEFAULT false,
        "search_vector" tsvector GENERATED ALWAYS AS (${VECTOR}) STORED NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "attached_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "attachments_status_check" CHECK ("status" IN ('uploading', 'pending', 'attached')),
        CONSTRAINT "attachments_place_check" CHECK ("place" IS NULL OR "place" IN ('message', 'proposal', 'action', 'progress')),
        CONSTRAINT "attachments_storage_check" CHECK ("storage" IN ('postgres', 's3')),
        CONSTRAINT "PK_attachments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_f1f087d22aec4ae00f31639bbd0" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_73407cf2d2a0e64546bacf309a7" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_623e10eec51ada466c5038979e3" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_f52931999a77cb1a119dd6304eb" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_5fb5f9492599af890a351e08f51" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_ffd28c8f15a3258820d9a797283" FOREIGN KEY ("action_item_comment_id") REFERENCES "action_item_comments"("id") ON DELETE CASCADE
      )`,
    );
    await q.query(
      `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'attachments', 'GENERATED_COLUMN', 'search_vector', $1)`,
      [VECTOR],
    );
    await q.query(`CREATE INDEX "attachments_group_time_idx" ON "attachments" ("group_id", "created_at")`);
    await q.query(`CREATE INDEX "attachments_message_idx" ON "attachments" ("message_id")`);
    await q.query(`CREATE INDEX "attachments_thread_idx" ON "attachments" ("thread_id")`);
    await q.query(`CREATE INDEX "attachments_action_item_idx" ON "attachments" ("action_item_id")`);
    await q.query(`CREATE INDEX "attachments_comment_idx" ON "attachments" ("action_item_comment_id")`);
    await q.query(`CREATE INDEX "attachments_status_time_idx" ON "attachments" ("status", "created_at")`);
    await q.query(`CREATE INDEX "attachments_search_idx" ON "attachments" USING gin ("search_vector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector'
          AND "table" = 'attachments' AND "schema" = current_schema()`,
    );
    await q.query(`DROP TABLE "attachments"`);
  }
}
