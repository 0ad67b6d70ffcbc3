import { MigrationInterface, QueryRunner } from 'typeorm';

/** Threads, messages with their versions and reactions, recommendation positions, read positions, search indexes. */
export class Threads1764208800000 implements MigrationInterface {
  name = 'Threads1764208800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "threads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "title" character varying(300) NOT NULL, "author_id" uuid, "pinned" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'open', "gcm_objectives" smallint array NOT NULL DEFAULT '{}', "proposal" text, "proposal_html" text, "outcome" character varying(32), "outcome_statement" text, "review_date" date, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by" uuid, "message_count" integer NOT NULL DEFAULT '0', "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "threads_objectives_check" CHECK ("gcm_objectives" <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23]::smallint[]), CONSTRAINT "threads_status_check" CHECK ("status" IN ('open', 'resolved', 'closed')), CONSTRAINT "threads_kind_check" CHECK ("kind" IN ('discussion', 'recommendation')), CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "threads_group_activity_idx" ON "threads"("group_id", "pinned", "last_activity_at") `);
    await q.query(
      `CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "thread_id" uuid NOT NULL, "seq" bigint NOT NULL, "group_id" uuid NOT NULL, "author_id" uuid, "parent_id" uuid, "body" text NOT NULL, "body_html" text NOT NULL, "mentions" uuid array NOT NULL DEFAULT '{}', "edited_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "messages_group_time_idx" ON "messages"("group_id", "created_at") `);
    await q.query(`CREATE INDEX "messages_thread_seq_idx" ON "messages" ("thread_id", "seq") `);
    await q.query(
      `CREATE TABLE "message_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "body" text NOT NULL, "body_html" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b954abc61851bd3de7d39d9951b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "message_versions_message_idx" ON "message_versions"("message_id", "created_at") `);
    await q.query(
      `CREATE TABLE "positions" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "position" character varying(32) NOT NULL, "reason" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "positions_position_check" CHECK ("position" IN ('endorse', 'endorse-with-reservations', 'object', 'abstain')), CONSTRAINT "PK_a106302db8fe1334b844d2b0d5e" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await q.query(
      `CREATE TABLE "reactions" ("message_id" uuid NOT NULL, "user_id" uuid NOT NULL, "emoji" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d19564cf772d6b6f7a3bbfd7a21" PRIMARY KEY ("message_id", "user_id", "emoji"))`,
    );
    await q.query(
      `CREATE TABLE "thread_reads" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "last_read_seq" bigint NOT NULL, CONSTRAINT "PK_21fb598bdd8f46af57ee725b172" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "thread_reads_user_idx" ON "thread_reads"("user_id") `);
    await q.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_d4e28c298c9143d02fc4e216f5a" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "threads" ADD CONSTRAINT "FK_71b6a8e2ea822297f14b96c3183" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_bb3af7f695d50083e6523290d41" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_d3607f0e3fc4217505168fc3932" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_932abe146b78bd584b4d1851ce3" FOREIGN KEY ("parent_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "message_versions" ADD CONSTRAINT "FK_cbdbf5b0ba2f1b01d7b2c3ec2f6" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_8f739f689241efe9144129d650e" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_4960bf74ea7fea6db05e53989da" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "reactions" ADD CONSTRAINT "FK_2ee227780745018b358237c0ad7" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "reactions" ADD CONSTRAINT "FK_dde6062145a93649adc5af3946e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "thread_reads" ADD CONSTRAINT "FK_cd09dab00ef27d7014d49cdde7f" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "thread_reads" ADD CONSTRAINT "FK_f43cce923ead83fc3e1201cf160" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Full-text search: 'simple' tokenizes Arabic and English alike (no stemming), so both match as typed.
    await q.query(
      `CREATE INDEX "messages_search_idx" ON "messages" USING gin (to_tsvector('simple', "body")) WHERE "deleted_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "threads_search_idx" ON "threads" USING gin (to_tsvector('simple', "title" || ' ' || coalesce("proposal", '')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['thread_reads', 'positions', 'reactions', 'message_versions', 'messages', 'threads']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
