import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified identity: when an account proved its email address, the email domains each organization verified (an
 * account verified on one speaks for it), and organization admins. Service accounts and admins made before this
 * count as verified: the first were made by an admin with no mailbox to prove, the second by whoever runs the server.
 * Every other existing account proves its address before it accepts invitations, is affiliated anew or is sent email.
 */
export class VerifiedIdentity1764860000000 implements MigrationInterface {
  name = 'VerifiedIdentity1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "organization_admins" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7f742350e3290ecef7c8c87b008" PRIMARY KEY ("organization_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "organization_admins_user_idx" ON "organization_admins"  ("user_id") `);
    await q.query(
      `CREATE TABLE "organization_domains" ("domain" character varying(253) NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8ab82513ff727b9fae7e5b7ece" PRIMARY KEY ("domain"))`,
    );
    await q.query(
      `CREATE INDEX "organization_domains_organization_idx" ON "organization_domains"  ("organization_id") `,
    );
    await q.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "users" SET "email_verified_at" = now() WHERE "kind" = 'service' OR "is_admin"`);
    await q.query(
      `ALTER TABLE "organization_admins" ADD CONSTRAINT "FK_ed5e20cd396ace01074fa66b1bf" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "organization_admins" ADD CONSTRAINT "FK_36fd0c8cafb32489dd25f5f6414" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "organization_domains" ADD CONSTRAINT "FK_a21225185191ef9e3772dc04e8f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organization_domains" DROP CONSTRAINT "FK_a21225185191ef9e3772dc04e8f"`);
    await q.query(`ALTER TABLE "organization_admins" DROP CONSTRAINT "FK_36fd0c8cafb32489dd25f5f6414"`);
    await q.query(`ALTER TABLE "organization_admins" DROP CONSTRAINT "FK_ed5e20cd396ace01074fa66b1bf"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
    await q.query(`DROP INDEX "public"."organization_domains_organization_idx"`);
    await q.query(`DROP TABLE "organization_domains"`);
    await q.query(`DROP INDEX "public"."organization_admins_user_idx"`);
    await q.query(`DROP TABLE "organization_admins"`);
  }
}
