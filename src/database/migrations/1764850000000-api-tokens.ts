import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens for integrations: service accounts (users of kind `service`, no password), their hashed tokens, each
 * with a session row so revocation ends it like a logout, and the token a change was made with in the audit log and
 * in action items' history.
 */
export class ApiTokens1764850000000 implements MigrationInterface {
  name = 'ApiTokens1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "session_id" uuid NOT NULL, "group_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "access" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "api_tokens_group_idx" ON "api_tokens"  ("group_id") `);
    await q.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens"  ("token_hash") `);
    await q.query(`ALTER TABLE "users" ADD "kind" character varying(16) NOT NULL DEFAULT 'person'`);
    await q.query(`ALTER TABLE "action_item_changes" ADD "api_token_id" uuid`);
    await q.query(`ALTER TABLE "audit_log" ADD "api_token_id" uuid`);
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_95455ca3ce93d328a4aa4cbea91" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_840d60d88437e17d749014d1dda" FOREIGN KEY ("group_id") REFERENCES "working_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_d895512b38605026594ab6266b9" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_d895512b38605026594ab6266b9"`);
    await q.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_840d60d88437e17d749014d1dda"`);
    await q.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_95455ca3ce93d328a4aa4cbea91"`);
    await q.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "api_token_id"`);
    await q.query(`ALTER TABLE "action_item_changes" DROP COLUMN "api_token_id"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "kind"`);
    await q.query(`DROP INDEX "public"."api_tokens_hash_idx"`);
    await q.query(`DROP INDEX "public"."api_tokens_user_idx"`);
    await q.query(`DROP INDEX "public"."api_tokens_group_idx"`);
    await q.query(`DROP TABLE "api_tokens"`);
  }
}
