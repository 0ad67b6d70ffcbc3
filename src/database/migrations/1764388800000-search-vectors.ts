import { MigrationInterface, QueryRunner } from 'typeorm';

const MESSAGE_VECTOR = `to_tsvector('simple', "body")`;
const THREAD_VECTOR = `to_tsvector('simple', "title" || ' ' || coalesce("proposal", ''))`;

/**
 * Search read to_tsvector of every matching row at query time (the expression indexes only found the rows), and
 * ts_headline over whole bodies: a few 10,000-character messages like `_a_a_a…` made every search take seconds.
 * The vectors are now stored generated columns, which PostgreSQL keeps on every insert and update (the one-statement
 * message insert is unchanged), with GIN indexes over them.
 *
 * TypeORM reads a generated column's expression from its typeorm_metadata table (information_schema formats it
 * differently), so the expressions are recorded there too, exactly as the entities declare them. The table is
 * TypeORM's (it creates it before every migration run once an entity has a generated column): down removes only
 * these rows.
 */
export class SearchVectors1764388800000 implements MigrationInterface {
  name = 'SearchVectors1764388800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)`,
    );
    await q.query(`DROP INDEX "messages_search_idx"`);
    await q.query(`DROP INDEX "threads_search_idx"`);
    await q.query(
      `ALTER TABLE "messages" ADD "search_vector" tsvector GENERATED ALWAYS AS (${MESSAGE_VECTOR}) STORED NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "threads" ADD "search_vector" tsvector GENERATED ALWAYS AS (${THREAD_VECTOR}) STORED NOT NULL`,
    );
    for (const [table, value] of [
      ['messages', MESSAGE_VECTOR],
      ['threads', THREAD_VECTOR],
    ]) {
      await q.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
         VALUES (current_database(), current_schema(), $1, 'GENERATED_COLUMN', 'search_vector', $2)`,
        [table, value],
      );
    }
    await q.query(
      `CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector") WHERE "deleted_at" IS NULL`,
    );
    await q.query(`CREATE INDEX "threads_search_idx" ON "threads" USING gin ("search_vector")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "threads_search_idx"`);
    await q.query(`DROP INDEX "messages_search_idx"`);
    await q.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector'
          AND "table" IN ('messages', 'threads') AND "schema" = current_schema()`,
    );
    await q.query(`ALTER TABLE "threads" DROP COLUMN "search_vector"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "search_vector"`);
    await q.query(
      `CREATE INDEX "threads_search_idx" ON "threads" USING gin (to_tsvector('simple', "title" || ' ' || coalesce("proposal", '')))`,
    );
    await q.query(
      `CREATE INDEX "messages_search_idx" ON "messages" USING gin (to_tsvector('simple', "body")) WHERE "deleted_at" IS NULL`,
    );
  }
}
