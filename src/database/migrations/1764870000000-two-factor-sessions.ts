import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity you can trust: TOTP authenticators (secret sealed at rest) with hashed one-time recovery codes, the
 * workspace's two-factor requirement per audience, deactivated accounts, and each session's device, address and
 * last-seen time. The second sign-in step's challenge is an account token of purpose `two-factor-login`.
 */
export class TwoFactorSessions1764870000000 implements MigrationInterface {
  name = 'TwoFactorSessions1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "two_factor_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6f535a18c9fb9da8cc9b7ea70dc" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "two_factor_recovery_codes_hash_idx" ON "two_factor_recovery_codes"  ("code_hash") `,
    );
    await q.query(`CREATE INDEX "two_factor_recovery_codes_user_idx" ON "two_factor_recovery_codes"  ("user_id") `);
    await q.query(
      `CREATE TABLE "two_factor_credentials" ("user_id" uuid NOT NULL, "secret_sealed" character varying(255) NOT NULL, "enabled_at" TIMESTAMP WITH TIME ZONE, "last_used_step" integer, "failed_attempts" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a55d08aa8d0d941c4db0b22d466" PRIMARY KEY ("user_id"))`,
    );
    await q.query(
      `CREATE TABLE "two_factor_requirements" ("audience" character varying(16) NOT NULL, "set_by" uuid, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "two_factor_requirements_audience_check" CHECK ("audience" IN ('admins', 'facilitators')), CONSTRAINT "PK_08075df87ece3e59aa67981eb0c" PRIMARY KEY ("audience"))`,
    );
    await q.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "sessions" ADD "user_agent" character varying(200)`);
    await q.query(`ALTER TABLE "sessions" ADD "ip_address" character varying(64)`);
    await q.query(`ALTER TABLE "sessions" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "two_factor_recovery_codes" ADD CONSTRAINT "FK_dd306548ffdd22f617146670845" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "two_factor_credentials" ADD CONSTRAINT "FK_a55d08aa8d0d941c4db0b22d466" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "two_factor_requirements" ADD CONSTRAINT "FK_bb2cb867e61c5330508e6e98dfc" FOREIGN KEY ("set_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Challenges of the second sign-in step mean nothing without two-factor authentication.
    await q.query(`DELETE FROM "account_tokens" WHERE "purpose" = 'two-factor-login'`);
    await q.query(`ALTER TABLE "two_factor_requirements" DROP CONSTRAINT "FK_bb2cb867e61c5330508e6e98dfc"`);
    await q.query(`ALTER TABLE "two_factor_credentials" DROP CONSTRAINT "FK_a55d08aa8d0d941c4db0b22d466"`);
    await q.query(`ALTER TABLE "two_factor_recovery_codes" DROP CONSTRAINT "FK_dd306548ffdd22f617146670845"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "last_seen_at"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "ip_address"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "user_agent"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
    await q.query(`DROP TABLE "two_factor_requirements"`);
    await q.query(`DROP TABLE "two_factor_credentials"`);
    await q.query(`DROP INDEX "public"."two_factor_recovery_codes_user_idx"`);
    await q.query(`DROP INDEX "public"."two_factor_recovery_codes_hash_idx"`);
    await q.query(`DROP TABLE "two_factor_recovery_codes"`);
  }
}
