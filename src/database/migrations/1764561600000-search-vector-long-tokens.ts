import { MigrationInterface, QueryRunner } from 'typeorm';

/** A space after every 64 characters without one: PostgreSQL's text parser is quadratic in a long unbroken run. */
const BREAK_RUNS = (text: string) => `regexp_replace(${text}, '(\\S{64})', '\\1 ', 'g')`;
const MESSAGE_VECTOR = `to_tsvector('simple', ${BREAK_RUNS('"body"')})`;
const THREAD_VECTOR = `to_tsvector('simple', ${BREAK_RUNS(`"title" || ' ' || coalesce("proposal", '')`)})`;
const OLD_MESSAGE_VECTOR = `to_tsvector('simple', "body")`;
const OLD_THREAD_VECTOR = `to_tsvector('simple', "title" || ' ' || coalesce("proposal", ''))`;

/**
 * A stored search vector is computed on every insert, and PostgreSQL's parser takes time quadratic in the length of a
 * run without spaces: one 10,000-character `_a_a…` message cost ~0.5 s of database CPU to write (so a member at the
 * message rate limit could keep almost two cores busy). Runs are broken every 64 characters before parsing, which
 * keeps the cost linear (~8 ms for the same message) and loses nothing a person searches for.
 */
export class SearchVectorLongTokens1764561600000 implements MigrationInterface {
  name = 'SearchVectorLongTokens1764561600000';

  async up(q: QueryRunner): Promise<void> {
    await this.rebuild(q, MESSAGE_VECTOR, THREAD_VECTOR);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rebuild(q, OLD_MESSAGE_VECTOR, OLD_THREAD_VECTOR);
  }

  /** PostgreSQL 15 cannot change a generated column's expression: the column and its index are made again. */
  private async rebuild(q: QueryRunner, messageVector: string, threadVector: string): Promise<void> {
    await q.query(`DROP INDEX "messages_search_idx"`);
    await q.query(`DROP INDEX "threads_search_idx"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "search_vector"`);
    await q.query(`ALTER TABLE "threads" DROP COLUMN "search_vector"`);
    await q.query(
      `ALTER TABLE "messages" ADD "search_vector" tsvector GENERATED ALWAYS AS (${messageVector}) STORED NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "threads" ADD "search_vector" tsvector GENERATED ALWAYS AS (${threadVector}) STORED NOT NULL`,
    );
    for (const [table, value] of [
      ['messages', messageVector],
      ['threads', threadVector],
    ]) {
      // TypeORM compares a generated column's expression with what it recorded here (see the search-vectors migration).
      await q.query(
        `UPDATE "typeorm_metadata" SET "value" = $2
          WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector' AND "table" = $1 AND "schema" = current_schema()`,
        [table, value],
      );
    }
    await q.query(
      `CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector") WHERE "deleted_at" IS NULL`,
    );
    await q.query(`CREATE INDEX "threads_search_idx" ON "threads" USING gin ("search_vector")`);
  }
}
