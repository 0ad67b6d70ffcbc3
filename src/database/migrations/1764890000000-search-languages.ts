import { MigrationInterface, QueryRunner } from 'typeorm';

/** Arabic short vowels and other marks (U+064B–U+065F) and the superscript alef (U+0670): left out of search. */
const TASHKEEL =
  Array.from({ length: 0x65f - 0x64b + 1 }, (_, i) => String.fromCharCode(0x64b + i)).join('') + '\u0670';
const TATWEEL = '\u0640';

/** The searched text of each table, as the entities declare it. */
export const SEARCHED = [
  { table: 'messages', column: 'search_vector', text: `tansiq_search_vector("body")`, where: `"deleted_at" IS NULL` },
  {
    table: 'threads',
    column: 'search_vector',
    text: `tansiq_search_vector("title" || ' ' || coalesce("proposal", ''))`,
    where: null,
  },
  {
    table: 'threads',
    column: 'outcome_search_vector',
    text: `tansiq_search_vector(coalesce("outcome_statement", ''))`,
    where: `"outcome_statement" IS NOT NULL`,
  },
  {
    table: 'positions',
    column: 'search_vector',
    text: `tansiq_search_vector(coalesce("reason", ''))`,
    where: `"reason" IS NOT NULL`,
  },
  {
    table: 'action_items',
    column: 'search_vector',
    text: `tansiq_search_vector("title" || ' ' || "description")`,
    where: null,
  },
  { table: 'action_item_comments', column: 'search_vector', text: `tansiq_search_vector("body")`, where: null },
] as const;

const indexName = (table: string, column: string) =>
  `${table}_${column === 'search_vector' ? 'search' : 'outcome_search'}_idx`;

/**
 * Search in Arabic and English (issue 19). The 'simple' configuration matched words only as written: "زراعة" missed
 * "الزراعة", "season" missed "seasonal". Every searched text is now normalised (tansiq_search_text: one alef for
 * أ إ آ ٱ, ي for ى, و and ي for ؤ and ئ, no tashkeel or tatweel; the long-run breaking of migration 1764561600000,
 * which keeps the parser linear, stays) and indexed twice in one stored vector:
 * - stemmed by the tansiq_search configuration: English words (ASCII) by the English stemmer, other words by the
 *   Arabic one, which drops the article and joins sound plurals (العمال/عمال, المهاجرين/مهاجر). The Arabic stemmer
 *   treats a final ة and a final ه differently (الزراعه stays زراعه, الزراعة becomes زراع), and people write either:
 *   a word-final ه is read as ة before stemming, on both sides.
 * - as written (normalised, ة as ه, lower case) by 'simple', for prefix matching of partial words.
 * tansiq_search_query builds the matching query from the words a person typed, normalised the same way.
 *
 * The functions fix their search_path at creation: a generated column is recomputed by restores and by sessions
 * whose search_path may not name this schema.
 */
export class SearchLanguages1764890000000 implements MigrationInterface {
  name = 'SearchLanguages1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TEXT SEARCH CONFIGURATION tansiq_search (COPY = pg_catalog.english)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION tansiq_search ALTER MAPPING FOR word, hword, hword_part WITH arabic_stem`,
    );
    await q.query(
      `CREATE FUNCTION tansiq_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         SET search_path FROM CURRENT
         AS $$ SELECT regexp_replace(translate(t, 'أإآٱى${TASHKEEL}${TATWEEL}', 'ااااي'), '(\\S{64})', '\\1 ', 'g') $$`,
    );
    // What the stemmers read. The Arabic stemmer treats a word with the article as a noun and one without it
    // differently (التحويلات gives تحويل, تحويلات gives تحويلا): every word without the article is also read with
    // it, so both spellings share a stem. "And the"/"so the" (وال, فال), which the stemmer keeps (it drops بال, كال,
    // لل and و itself), are read as "the", when three letters or more follow; a word-final ه as ة. A text without
    // Arabic letters skips the regular expressions (they are most of the cost of a vector).
    await q.query(
      `CREATE FUNCTION tansiq_search_stemmed(s text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         AS $$ SELECT CASE WHEN s !~ '[ء-ي]' THEN s ELSE regexp_replace(
                        regexp_replace(regexp_replace(s, '(^|[^ء-ي])[وف]ال([ء-ي]{3})', '\\1ال\\2', 'g'),
                                       '(^|[^ء-ي])(?!ال)([ء-ي]{3,})', '\\1\\2 ال\\2', 'g'),
                        'ه(?![ء-ي])', 'ة', 'g') END $$`,
    );
    await q.query(
      `CREATE FUNCTION tansiq_search_vector(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         SET search_path FROM CURRENT
         AS $$ SELECT to_tsvector('tansiq_search', tansiq_search_stemmed(s))
                   || to_tsvector('simple', translate(s, 'ة', 'ه'))
                 FROM tansiq_search_text(t) AS s $$`,
    );
    // A lexeme as a query term, cast rather than parsed: whatever it holds, it is one lexeme, never query syntax.
    await q.query(
      `CREATE FUNCTION tansiq_search_lexeme(lexeme text, prefix boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE
         STRICT PARALLEL SAFE
         AS $$ SELECT ('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''''
                       || CASE WHEN prefix THEN ':*' ELSE '' END)::tsquery $$`,
    );
    // Each word: its stem in either language, or the word as written, or (three letters or more) any word it
    // begins. The words are ANDed. Words arrive as an array parameter and go through to_tsquery only as quoted
    // lexemes: nothing typed is ever read as query syntax.
    await q.query(
      `CREATE FUNCTION tansiq_search_query(words text[]) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
         SET search_path FROM CURRENT
         AS $$
         DECLARE
           result tsquery;
           word text;
           s text;
           term tsquery;
           lexeme text;
         BEGIN
           FOREACH word IN ARRAY words LOOP
             s := tansiq_search_text(word);
             term := NULL;
             FOR lexeme IN SELECT unnest(tsvector_to_array(to_tsvector('tansiq_search', tansiq_search_stemmed(s)))) LOOP
               term := CASE WHEN term IS NULL THEN tansiq_search_lexeme(lexeme, false) ELSE term || tansiq_search_lexeme(lexeme, false) END;
             END LOOP;
             FOR lexeme IN SELECT unnest(tsvector_to_array(to_tsvector('simple', translate(s, 'ة', 'ه')))) LOOP
               term := CASE WHEN term IS NULL THEN tansiq_search_lexeme(lexeme, char_length(lexeme) >= 3) ELSE term || tansiq_search_lexeme(lexeme, char_length(lexeme) >= 3) END;
             END LOOP;
             IF numnode(term) > 0 THEN
               result := CASE WHEN result IS NULL THEN term ELSE result && term END;
             END IF;
           END LOOP;
           RETURN result; -- null when no word had a lexeme: matches nothing
         END $$`,
    );
    for (const { table, column, text, where } of SEARCHED) {
      await this.rebuild(
        q,
        table,
        column,
        text,
        where,
        column === 'search_vector' && ['messages', 'threads'].includes(table),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const BREAK_RUNS = (text: string) => `regexp_replace(${text}, '(\\S{64})', '\\1 ', 'g')`;
    for (const { table, column } of SEARCHED) {
      await q.query(`DROP INDEX "${indexName(table, column)}"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
      if (!(column === 'search_vector' && ['messages', 'threads'].includes(table))) {
        await q.query(
          `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = $2 AND "table" = $1
              AND "schema" = current_schema()`,
          [table, column],
        );
      }
    }
    const old = [
      ['messages', `to_tsvector('simple', ${BREAK_RUNS('"body"')})`, `WHERE "deleted_at" IS NULL`],
      ['threads', `to_tsvector('simple', ${BREAK_RUNS(`"title" || ' ' || coalesce("proposal", '')`)})`, ''],
    ];
    for (const [table, value, where] of old) {
      await q.query(
        `ALTER TABLE "${table}" ADD "search_vector" tsvector GENERATED ALWAYS AS (${value}) STORED NOT NULL`,
      );
      await q.query(
        `UPDATE "typeorm_metadata" SET "value" = $2
          WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector' AND "table" = $1 AND "schema" = current_schema()`,
        [table, value],
      );
      await q.query(`CREATE INDEX "${table}_search_idx" ON "${table}" USING gin ("search_vector") ${where}`);
    }
    await q.query(`DROP FUNCTION tansiq_search_query(text[])`);
    await q.query(`DROP FUNCTION tansiq_search_lexeme(text, boolean)`);
    await q.query(`DROP FUNCTION tansiq_search_vector(text)`);
    await q.query(`DROP FUNCTION tansiq_search_stemmed(text)`);
    await q.query(`DROP FUNCTION tansiq_search_text(text)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION tansiq_search`);
  }

  /** PostgreSQL 15 cannot change a generated column's expression: the column and its index are made again. */
  private async rebuild(
    q: QueryRunner,
    table: string,
    column: string,
    text: string,
    where: string | null,
    existed: boolean,
  ): Promise<void> {
    const index = indexName(table, column);
    if (existed) {
      await q.query(`DROP INDEX "${index}"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "${table}" ADD "${column}" tsvector GENERATED ALWAYS AS (${text}) STORED NOT NULL`);
    // TypeORM compares a generated column's expression with what it recorded here (see the search-vectors migration).
    if (existed) {
      await q.query(
        `UPDATE "typeorm_metadata" SET "value" = $3
          WHERE "type" = 'GENERATED_COLUMN' AND "name" = $2 AND "table" = $1 AND "schema" = current_schema()`,
        [table, column, text],
      );
    } else {
      await q.query(
        `INSERT INTO "typeorm_metadata" ("database", "schema", "table", "type", "name", "value")
         VALUES (current_database(), current_schema(), $1, 'GENERATED_COLUMN', $2, $3)`,
        [table, column, text],
      );
    }
    await q.query(`CREATE INDEX "${index}" ON "${table}" USING gin ("${column}")${where ? ` WHERE ${where}` : ''}`);
  }
}
