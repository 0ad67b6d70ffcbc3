import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time account tokens sent by email (password reset): only their SHA-256 is stored, with an expiry and the
 * moment they were used, so each works once. They go with their account.
 */
export class AccountTokens1764830000000 implements MigrationInterface {
  name = 'AccountTokens1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "account_tokens_user_idx" ON "account_tokens"  ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "account_tokens_hash_idx" ON "account_tokens"  ("token_hash") `);
    await q.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6"`);
    await q.query(`DROP INDEX "public"."account_tokens_hash_idx"`);
    await q.query(`DROP INDEX "public"."account_tokens_user_idx"`);
    await q.query(`DROP TABLE "account_tokens"`);
  }
}
