import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on with OpenID Connect: one identity provider per organization (its client secret sealed), the
 * identities (issuer + subject) accounts signed in with, and the sign-ins under way between the redirect to a
 * provider and its callback.
 */
export class IdentityProviders1764880000000 implements MigrationInterface {
  name = 'IdentityProviders1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "external_identities" ("issuer" character varying(500) NOT NULL, "subject" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8cafd6f38cc139c8f9e2cab731d" PRIMARY KEY ("issuer", "subject"))`,
    );
    await q.query(`CREATE INDEX "external_identities_user_idx" ON "external_identities"  ("user_id") `);
    await q.query(
      `CREATE TABLE "identity_providers" ("organization_id" uuid NOT NULL, "issuer" character varying(500) NOT NULL, "client_id" character varying(255) NOT NULL, "client_secret_sealed" text, "allowed_domains" character varying(253) array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3739c8f28b4116fc8e84f0ce845" PRIMARY KEY ("organization_id"))`,
    );
    await q.query(
      `CREATE TABLE "sso_logins" ("state_hash" character(64) NOT NULL, "organization_id" uuid NOT NULL, "browser_hash" character(64) NOT NULL, "nonce" character varying(128) NOT NULL, "code_verifier" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_242df3f349a72a78f497adc23f0" PRIMARY KEY ("state_hash"))`,
    );
    await q.query(`CREATE INDEX "sso_logins_created_idx" ON "sso_logins"  ("created_at") `);
    await q.query(
      `ALTER TABLE "external_identities" ADD CONSTRAINT "FK_8320cffd2d6ca86003e23981668" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "identity_providers" ADD CONSTRAINT "FK_3739c8f28b4116fc8e84f0ce845" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "sso_logins" ADD CONSTRAINT "FK_31c8466a4336a595187d184186e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sso_logins" DROP CONSTRAINT "FK_31c8466a4336a595187d184186e"`);
    await q.query(`ALTER TABLE "identity_providers" DROP CONSTRAINT "FK_3739c8f28b4116fc8e84f0ce845"`);
    await q.query(`ALTER TABLE "external_identities" DROP CONSTRAINT "FK_8320cffd2d6ca86003e23981668"`);
    await q.query(`DROP INDEX "public"."sso_logins_created_idx"`);
    await q.query(`DROP TABLE "sso_logins"`);
    await q.query(`DROP TABLE "identity_providers"`);
    await q.query(`DROP INDEX "public"."external_identities_user_idx"`);
    await q.query(`DROP TABLE "external_identities"`);
  }
}
