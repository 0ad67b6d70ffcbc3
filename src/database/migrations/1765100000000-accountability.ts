import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accountability (issue 23): progress on action items (claimed and verified figures, weights, milestones), the
 * claims and decisions behind them, who follows a recommendation, reviews on review dates, recurring check-ins and
 * published progress pages.
 */
export class Accountability1765100000000 implements MigrationInterface {
  name = 'Accountability1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "action_item_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "due_date" date, "position" integer NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "done_by" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d69b41f85838470b1004730782d" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "action_item_milestones_item_idx" ON "action_item_milestones"("action_item_id", "position") `,
    );
    await q.query(
      `CREATE TABLE "check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "action_item_id" uuid, "organization_id" uuid, "every_days" smallint NOT NULL, "next_date" date NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "check_ins_subject_check" CHECK (("action_item_id" IS NULL) <> ("organization_id" IS NULL)), CONSTRAINT "check_ins_every_days_check" CHECK ("every_days" BETWEEN 1 AND 365), CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "check_ins_next_idx" ON "check_ins"("next_date") `);
    await q.query(`CREATE INDEX "check_ins_group_idx" ON "check_ins"("group_id") `);
    await q.query(
      `CREATE TABLE "check_in_requests" ("check_in_id" uuid NOT NULL, "due_date" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e227962874ea5858ccf4fffaea" PRIMARY KEY ("check_in_id", "due_date"))`,
    );
    await q.query(
      `CREATE TABLE "progress_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_item_id" uuid NOT NULL, "percent" smallint NOT NULL, "note_id" uuid, "claimed_by" uuid, "organization_id" uuid, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "state" character varying(16) NOT NULL DEFAULT 'pending', "decided_by" uuid, "decider_organization_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reason" text, CONSTRAINT "progress_claims_state_check" CHECK ("state" IN ('pending', 'verified', 'returned')), CONSTRAINT "progress_claims_percent_check" CHECK ("percent" BETWEEN 0 AND 100), CONSTRAINT "PK_6c8193b7221b906fb5b3eb447e2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "progress_claims_item_idx" ON "progress_claims"("action_item_id", "claimed_at") `);
    await q.query(
      `CREATE TABLE "publications" ("group_id" uuid NOT NULL, "token" character varying(64) NOT NULL, "visibility" character varying(16) NOT NULL, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "publications_visibility_check" CHECK ("visibility" IN ('unlisted', 'public')), CONSTRAINT "PK_4cae2b1d4a3f2fdec40ac2c810a" PRIMARY KEY ("group_id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "publications_token_idx" ON "publications"("token") `);
    await q.query(
      `CREATE TABLE "recommendation_followers" ("thread_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recommendation_followers_reason_check" CHECK ("reason" IN ('position', 'lead')), CONSTRAINT "PK_172736e8bae6455542d7c30bbb4" PRIMARY KEY ("thread_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "recommendation_followers_user_idx" ON "recommendation_followers"("user_id") `);
    await q.query(
      `CREATE TABLE "recommendation_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recommendation_id" uuid NOT NULL, "review_date" date NOT NULL, "review_thread_id" uuid, "summary" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "recommendation_reviews_once" UNIQUE ("recommendation_id", "review_date"), CONSTRAINT "PK_05f05065dc3697c7e28b153ff24" PRIMARY KEY ("id"))`,
    );
    await q.query(`ALTER TABLE "working_groups" ADD "verifier_organization_id" uuid`);
    await q.query(`ALTER TABLE "action_items" ADD "progress" smallint`);
    await q.query(`ALTER TABLE "action_items" ADD "verified_progress" smallint`);
    await q.query(`ALTER TABLE "action_items" ADD "weight" smallint NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "action_items" ADD "milestones_done" smallint NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "action_items" ADD "milestones_total" smallint NOT NULL DEFAULT '0'`);
    await q.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "action_items_weight_check" CHECK ("weight" BETWEEN 0 AND 100)`,
    );
    await q.query(
      `ALTER TABLE "action_items" ADD CONSTRAINT "action_items_progress_check" CHECK ("progress" BETWEEN 0 AND 100 AND "verified_progress" BETWEEN 0 AND 100)`,
    );
    await q.query(
      `ALTER TABLE "working_groups" ADD CONSTRAINT "FK_20beeeae1794e829ef8ffc89522" FOREIGN KEY ("verifier_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_milestones" ADD CONSTRAINT "FK_a3c67ac970c4159ee03f0c5557c" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_milestones" ADD CONSTRAINT "FK_8478f7186119474439d5fe0b3d9" FOREIGN KEY ("done_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_milestones" ADD CONSTRAINT "FK_1669c3eabed67d7ffa82d8b18ea" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_a9e83d54b0dc4e8279d8423fb5a" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_c89e9e2daccc99ffb23d4f0e0e0" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_70a571a8ea6c7b6b2d2ed467e55" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_ins" ADD CONSTRAINT "FK_720ccd598da606b50e91802ebb5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "check_in_requests" ADD CONSTRAINT "FK_f1dfd41f1c8adac4bffa1beb027" FOREIGN KEY ("check_in_id") REFERENCES "check_ins"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_c94a731abadf0802673fa098be7" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_1f40dd963ccac8944c7633fc2d9" FOREIGN KEY ("note_id") REFERENCES "action_item_comments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_0d2b643325e1439fe8d5ede5246" FOREIGN KEY ("claimed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_47a1d93834cb40f7f5d86603595" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_8441bb2742ccb6f9c5d6f4ec569" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "progress_claims" ADD CONSTRAINT "FK_19bbce1f9802e765e9c90f6006f" FOREIGN KEY ("decider_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "publications" ADD CONSTRAINT "FK_4cae2b1d4a3f2fdec40ac2c810a" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "publications" ADD CONSTRAINT "FK_6c92da9ff1c8cbd07e22df15937" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_followers" ADD CONSTRAINT "FK_cfee321c7b0bebed4c1b1b74e6d" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_followers" ADD CONSTRAINT "FK_ffc3c00a3912ae943993012e6d0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_reviews" ADD CONSTRAINT "FK_0455f4b1f4cf587502863e6cb84" FOREIGN KEY ("recommendation_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recommendation_reviews" ADD CONSTRAINT "FK_37a24676f8870832e8d4ca27f27" FOREIGN KEY ("review_thread_id") REFERENCES "threads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "recommendation_reviews" DROP CONSTRAINT "FK_37a24676f8870832e8d4ca27f27"`);
    await q.query(`ALTER TABLE "recommendation_reviews" DROP CONSTRAINT "FK_0455f4b1f4cf587502863e6cb84"`);
    await q.query(`ALTER TABLE "recommendation_followers" DROP CONSTRAINT "FK_ffc3c00a3912ae943993012e6d0"`);
    await q.query(`ALTER TABLE "recommendation_followers" DROP CONSTRAINT "FK_cfee321c7b0bebed4c1b1b74e6d"`);
    await q.query(`ALTER TABLE "publications" DROP CONSTRAINT "FK_6c92da9ff1c8cbd07e22df15937"`);
    await q.query(`ALTER TABLE "publications" DROP CONSTRAINT "FK_4cae2b1d4a3f2fdec40ac2c810a"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_19bbce1f9802e765e9c90f6006f"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_8441bb2742ccb6f9c5d6f4ec569"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_47a1d93834cb40f7f5d86603595"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_0d2b643325e1439fe8d5ede5246"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_1f40dd963ccac8944c7633fc2d9"`);
    await q.query(`ALTER TABLE "progress_claims" DROP CONSTRAINT "FK_c94a731abadf0802673fa098be7"`);
    await q.query(`ALTER TABLE "check_in_requests" DROP CONSTRAINT "FK_f1dfd41f1c8adac4bffa1beb027"`);
    await q.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_720ccd598da606b50e91802ebb5"`);
    await q.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_70a571a8ea6c7b6b2d2ed467e55"`);
    await q.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_c89e9e2daccc99ffb23d4f0e0e0"`);
    await q.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "FK_a9e83d54b0dc4e8279d8423fb5a"`);
    await q.query(`ALTER TABLE "action_item_milestones" DROP CONSTRAINT "FK_1669c3eabed67d7ffa82d8b18ea"`);
    await q.query(`ALTER TABLE "action_item_milestones" DROP CONSTRAINT "FK_8478f7186119474439d5fe0b3d9"`);
    await q.query(`ALTER TABLE "action_item_milestones" DROP CONSTRAINT "FK_a3c67ac970c4159ee03f0c5557c"`);
    await q.query(`ALTER TABLE "working_groups" DROP CONSTRAINT "FK_20beeeae1794e829ef8ffc89522"`);
    await q.query(`ALTER TABLE "action_items" DROP CONSTRAINT "action_items_progress_check"`);
    await q.query(`ALTER TABLE "action_items" DROP CONSTRAINT "action_items_weight_check"`);
    await q.query(`ALTER TABLE "action_items" DROP COLUMN "milestones_total"`);
    await q.query(`ALTER TABLE "action_items" DROP COLUMN "milestones_done"`);
    await q.query(`ALTER TABLE "action_items" DROP COLUMN "weight"`);
    await q.query(`ALTER TABLE "action_items" DROP COLUMN "verified_progress"`);
    await q.query(`ALTER TABLE "action_items" DROP COLUMN "progress"`);
    await q.query(`ALTER TABLE "working_groups" DROP COLUMN "verifier_organization_id"`);
    await q.query(`DROP TABLE "recommendation_reviews"`);
    await q.query(`DROP INDEX "recommendation_followers_user_idx"`);
    await q.query(`DROP TABLE "recommendation_followers"`);
    await q.query(`DROP INDEX "publications_token_idx"`);
    await q.query(`DROP TABLE "publications"`);
    await q.query(`DROP INDEX "progress_claims_item_idx"`);
    await q.query(`DROP TABLE "progress_claims"`);
    await q.query(`DROP TABLE "check_in_requests"`);
    await q.query(`DROP INDEX "check_ins_group_idx"`);
    await q.query(`DROP INDEX "check_ins_next_idx"`);
    await q.query(`DROP TABLE "check_ins"`);
    await q.query(`DROP INDEX "action_item_milestones_item_idx"`);
    await q.query(`DROP TABLE "action_item_milestones"`);
  }
}
