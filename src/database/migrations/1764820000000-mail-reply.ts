import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies by email: the secret in each person's reply address for a thread (kept only as a hash; the key is derived
 * from the server secret, see ReplyAddresses) and a log of every reply received, posted or refused and why.
 * A user's or a thread's reply keys go with them; the log keeps its rows with the ids set to null.
 */
export class MailReply1764820000000 implements MigrationInterface {
  name = 'MailReply1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "mail_reply_keys" ("user_id" uuid NOT NULL, "thread_id" uuid NOT NULL, "generation" integer NOT NULL, "key_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a7517c27cb8e2db4fc790794ef6" PRIMARY KEY ("user_id", "thread_id"))`,
    );
    await q.query(`CREATE INDEX "mail_reply_keys_thread_idx" ON "mail_reply_keys"  ("thread_id") `);
    await q.query(`CREATE UNIQUE INDEX "mail_reply_keys_hash_idx" ON "mail_reply_keys"  ("key_hash") `);
    await q.query(
      `ALTER TABLE "mail_reply_keys" ADD CONSTRAINT "FK_683d7061dad5d7675bc0e3a41ff" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mail_reply_keys" ADD CONSTRAINT "FK_662559b08ac4df1b3249110e4d3" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "inbound_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id_hash" character(64) NOT NULL, "user_id" uuid, "thread_id" uuid, "status" character varying(16) NOT NULL, "reason" character varying(64), "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "posted_message_id" uuid, CONSTRAINT "PK_4681d4ed00f370f44de2a1d094c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "inbound_emails" ADD CONSTRAINT "FK_65461356e9615a8321567b15dd3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "inbound_emails" ADD CONSTRAINT "FK_c1d409eff7482d760f8e9d5f319" FOREIGN KEY ("thread_id") REFERENCES "threads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "inbound_emails" DROP CONSTRAINT "FK_c1d409eff7482d760f8e9d5f319"`);
    await q.query(`ALTER TABLE "inbound_emails" DROP CONSTRAINT "FK_65461356e9615a8321567b15dd3"`);
    await q.query(`DROP TABLE "inbound_emails"`);
    await q.query(`ALTER TABLE "mail_reply_keys" DROP CONSTRAINT "FK_662559b08ac4df1b3249110e4d3"`);
    await q.query(`ALTER TABLE "mail_reply_keys" DROP CONSTRAINT "FK_683d7061dad5d7675bc0e3a41ff"`);
    await q.query(`DROP INDEX "mail_reply_keys_hash_idx"`);
    await q.query(`DROP INDEX "mail_reply_keys_thread_idx"`);
    await q.query(`DROP TABLE "mail_reply_keys"`);
  }
}
