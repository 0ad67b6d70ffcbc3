import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The setup link's token that creates the first workspace admin (nobody becomes admin by registering any more).
 * Only its hash is stored.
 */
export class SetupTokens1764840000000 implements MigrationInterface {
  name = 'SetupTokens1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "setup_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0126c8e0a96d2587921ef73160" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "setup_tokens_hash_idx" ON "setup_tokens"  ("token_hash") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."setup_tokens_hash_idx"`);
    await q.query(`DROP TABLE "setup_tokens"`);
  }
}
