import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reply addresses for action items (issue 23, check-ins): a reply to a check-in email becomes a progress note on
 * the item. Keys are kept as a thread's are (mail_reply_keys), in a table of their own keyed by the item; the
 * inbound log says which item a reply was for.
 */
export class ActionReplyKeys1765120000000 implements MigrationInterface {
  name = 'ActionReplyKeys1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "mail_action_reply_keys" ("user_id" uuid NOT NULL, "action_item_id" uuid NOT NULL, "generation" integer NOT NULL, "key_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a0d302f709573208133dcf051d6" PRIMARY KEY ("user_id", "action_item_id"))`,
    );
    await q.query(`CREATE INDEX "mail_action_reply_keys_item_idx" ON "mail_action_reply_keys" ("action_item_id")`);
    await q.query(`CREATE UNIQUE INDEX "mail_action_reply_keys_hash_idx" ON "mail_action_reply_keys" ("key_hash")`);
    await q.query(`ALTER TABLE "inbound_emails" ADD "action_item_id" uuid`);
    await q.query(
      `ALTER TABLE "inbound_emails" ADD CONSTRAINT "FK_9dbd9f6da8d1b275fb6db8b43df" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_action_reply_keys" ADD CONSTRAINT "FK_2c8002141517b57dbf9b2fdeab6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_action_reply_keys" ADD CONSTRAINT "FK_7a41eff0f3e1186a64d94c43d61" FOREIGN KEY ("action_item_id") REFERENCES "action_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mail_action_reply_keys" DROP CONSTRAINT "FK_7a41eff0f3e1186a64d94c43d61"`);
    await q.query(`ALTER TABLE "mail_action_reply_keys" DROP CONSTRAINT "FK_2c8002141517b57dbf9b2fdeab6"`);
    await q.query(`ALTER TABLE "inbound_emails" DROP CONSTRAINT "FK_9dbd9f6da8d1b275fb6db8b43df"`);
    await q.query(`ALTER TABLE "inbound_emails" DROP COLUMN "action_item_id"`);
    await q.query(`DROP INDEX "mail_action_reply_keys_hash_idx"`);
    await q.query(`DROP INDEX "mail_action_reply_keys_item_idx"`);
    await q.query(`DROP TABLE "mail_action_reply_keys"`);
  }
}
