import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fixes from the external audit (issue #13) that need the schema or the stored data:
 * - an account's organization is granted by the admin; what registration asks for is kept apart, as a request;
 * - positions and action-item comments record the organization their author spoke for when writing them (filled
 *   from today's affiliation for rows written before, the best that is known);
 * - the change feed keeps no email addresses (membership events are replayed to every member);
 * - deleted messages' text is gone from the change feed and from stored send acknowledgements too.
 * The data fixes are not reverted: nothing removed is put back.
 */
export class SecurityAudit1764302400000 implements MigrationInterface {
  name = 'SecurityAudit1764302400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "requested_organization_id" uuid`);
    await q.query(`ALTER TABLE "action_item_comments" ADD "organization_id" uuid`);
    await q.query(`ALTER TABLE "positions" ADD "organization_id" uuid`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_345aba7e27bcaccd084b992f1c9" FOREIGN KEY ("requested_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "action_item_comments" ADD CONSTRAINT "FK_d52a61f38ae9c144cec82c56819" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_558198775d351c94287b370d082" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await q.query(
      `UPDATE "positions" p SET "organization_id" = u."organization_id" FROM "users" u WHERE u."id" = p."user_id"`,
    );
    await q.query(
      `UPDATE "action_item_comments" c SET "organization_id" = u."organization_id" FROM "users" u WHERE u."id" = c."author_id"`,
    );
    await q.query(
      `UPDATE "group_events" SET "payload" = "payload" - 'email'
        WHERE "type" IN ('member.added', 'member.updated') AND "payload" ? 'email'`,
    );
    const redacted = `'{"body": null, "bodyHtml": "", "mentions": [], "reactions": [], "deleted": true}'::jsonb`;
    await q.query(
      `UPDATE "group_events" e SET "payload" = e."payload" || ${redacted}
         FROM "messages" m
        WHERE m."deleted_at" IS NOT NULL AND e."group_id" = m."group_id" AND e."seq" >= m."seq"
          AND e."type" IN ('message.created', 'message.updated') AND e."payload"->>'id' = m."id"::text`,
    );
    await q.query(
      `UPDATE "idempotency_keys" k SET "response" = jsonb_set(k."response", '{message}', (k."response"->'message') || ${redacted})
         FROM "messages" m
        WHERE m."deleted_at" IS NOT NULL AND k."user_id" = m."author_id" AND k."response"->'message'->>'id' = m."id"::text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "positions" DROP CONSTRAINT "FK_558198775d351c94287b370d082"`);
    await q.query(`ALTER TABLE "action_item_comments" DROP CONSTRAINT "FK_d52a61f38ae9c144cec82c56819"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_345aba7e27bcaccd084b992f1c9"`);
    await q.query(`ALTER TABLE "positions" DROP COLUMN "organization_id"`);
    await q.query(`ALTER TABLE "action_item_comments" DROP COLUMN "organization_id"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "requested_organization_id"`);
  }
}
