import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttachmentPlace } from '../attachments/entities/attachment.entity';
import { SearchKind } from './dto/search.dto';

/** Private-use characters mark matches in a snippet, so it can be escaped before the marks become markup. */
export const MATCH_START = '\uE000';
export const MATCH_STOP = '\uE001';

/**
 * The most of a text ts_headline reads: its cost grows with the text's tokens (10,000 characters of `_a_a_a…` took
 * about a second per row). A match further in still ranks the hit; its snippet shows the beginning.
 */
export const HEADLINE_CHARS = 2000;
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "`;

/**
 * Of each kind, only the most recent this many matches are ranked. A common word matches a large share of a big
 * group's messages, and ranking reads every matching row's vector (at 1,000,000 messages, hundreds of thousands per
 * query); the newest few thousand hold what people look for, and the rest is reached by narrowing the search.
 */
export const RANKED_PER_KIND = 2000;

/** One hit, with its snippet (matches between MATCH_START and MATCH_STOP, unescaped). */
export interface SearchHitRecord {
  kind: SearchKind;
  id: string;
  groupId: string;
  threadId: string | null;
  actionItemId: string | null;
  title: string;
  /** Kind 'file' only (null otherwise): the file's name, place, message and progress note. */
  fileName: string | null;
  filePlace: AttachmentPlace | null;
  fileMessageId: string | null;
  fileCommentId: string | null;
  snippet: string;
  authorId: string | null;
  authorName: string | null;
  rank: number;
  createdAt: Date;
}

export interface SearchScope {
  userId: string;
  /** The workspace admin searches every group. */
  everyGroup: boolean;
  /** Only this group; every group the user belongs to when null. */
  groupId: string | null;
}

export interface SearchFilters {
  kind: SearchKind | null;
  authorId: string | null;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

interface Branch {
  kind: SearchKind;
  /** id, group_id, thread_id, action_item_id of a hit. */
  ids: string;
  from: string;
  /** Which rows are searched at all, besides the groups in scope. */
  where: string;
  vector: string;
  author: string;
  at: string;
}

/**
 * The query, computed by tansiq_search_query in the first round trip and bound here as a constant, so PostgreSQL
 * estimates each branch from the index statistics (a CTE's value is unknown to the planner, which then guessed a
 * frequent word rare and ranked 300,000 rows; folding the function in every branch cost a millisecond each).
 */
const QUERY = '$1::tsquery';

/**
 * One branch per kind: its rows matching the query in the visible groups and the filters, the most recent
 * RANKED_PER_KIND of them. `$2` the groups, `$5` the kind filter, `$6` the author, `$7`/`$8` the date range.
 */
const branch = ({ kind, ids, from, where, vector, author, at }: Branch) => `
  (SELECT '${kind}'::text AS kind, ${ids}, ${author} AS author_id, ${at} AS created_at, ${vector} AS vector
     FROM ${from}
    WHERE ($5::text IS NULL OR $5::text = '${kind}') AND ${where} AND ${vector} @@ ${QUERY}
      AND ($6::uuid IS NULL OR ${author} = $6::uuid)
      AND ($7::timestamptz IS NULL OR ${at} >= $7::timestamptz) AND ($8::timestamptz IS NULL OR ${at} < $8::timestamptz)
    ORDER BY ${at} DESC
    LIMIT ${RANKED_PER_KIND})`;

/** The groups searched, as constants: null for every group. */
const GROUPS = '$2::uuid[]';

/**
 * Scopes of at most this many messages are searched by reading their rows (through the group index) and testing
 * each stored vector: about 2 µs a row, so 20 ms for a member of five groups at 1,000,000 messages over 500 groups,
 * whatever the words. The GIN index instead collects every matching row of every group before the group filter
 * (a common word or a prefix matches hundreds of thousands at that size: 150–300 ms); it serves larger scopes (the
 * admin's, or very large groups), where reading every row would cost more.
 */
export const WALKED_MESSAGES = 50_000;

/** Messages of the groups in scope, read row by row: OFFSET 0 keeps the match test out of the scan's index choice. */
const WALKED_FROM = `(SELECT * FROM messages WHERE deleted_at IS NULL AND group_id = ANY(${GROUPS}) OFFSET 0) m`;

const BRANCHES: Branch[] = [
  {
    kind: 'message',
    ids: 'm.id, m.group_id, m.thread_id, NULL::uuid AS action_item_id',
    from: 'messages m',
    where: `m.deleted_at IS NULL AND (${GROUPS} IS NULL OR m.group_id = ANY(${GROUPS}))`,
    vector: 'm.search_vector',
    author: 'm.author_id',
    at: 'm.created_at',
  },
  {
    kind: 'thread',
    ids: 't.id, t.group_id, t.id, NULL::uuid',
    from: 'threads t',
    where: `(${GROUPS} IS NULL OR t.group_id = ANY(${GROUPS}))`,
    vector: 't.search_vector',
    author: 't.author_id',
    at: 't.created_at',
  },
  {
    kind: 'outcome',
    ids: 't.id, t.group_id, t.id, NULL::uuid',
    from: 'threads t',
    where: `t.outcome_statement IS NOT NULL AND (${GROUPS} IS NULL OR t.group_id = ANY(${GROUPS}))`,
    vector: 't.outcome_search_vector',
    author: 't.closed_by',
    at: 'coalesce(t.closed_at, t.updated_at)',
  },
  {
    kind: 'position',
    ids: 't.id, t.group_id, t.id, NULL::uuid',
    from: 'positions p JOIN threads t ON t.id = p.thread_id',
    where: `p.reason IS NOT NULL AND (${GROUPS} IS NULL OR t.group_id = ANY(${GROUPS}))`,
    vector: 'p.search_vector',
    author: 'p.user_id',
    at: 'p.updated_at',
  },
  {
    kind: 'action-item',
    ids: 'a.id, a.group_id, NULL::uuid, a.id',
    from: 'action_items a',
    where: `(${GROUPS} IS NULL OR a.group_id = ANY(${GROUPS}))`,
    vector: 'a.search_vector',
    author: 'a.created_by',
    at: 'a.created_at',
  },
  {
    kind: 'action-item-comment',
    ids: 'c.id, a.group_id, NULL::uuid, a.id',
    from: 'action_item_comments c JOIN action_items a ON a.id = c.action_item_id',
    where: `(${GROUPS} IS NULL OR a.group_id = ANY(${GROUPS}))`,
    vector: 'c.search_vector',
    author: 'c.author_id',
    at: 'c.created_at',
  },
  {
    // Attached files by name: on a message or a proposal (their thread), or on an action item or its progress note.
    kind: 'file',
    ids: 'f.id, f.group_id, f.thread_id, f.action_item_id',
    from: 'attachments f',
    where: `f.status = 'attached' AND (${GROUPS} IS NULL OR f.group_id = ANY(${GROUPS}))`,
    vector: 'f.search_vector',
    author: 'f.uploader_id',
    at: 'f.created_at',
  },
];

/** The whole search: candidates of every kind, the best `$3` of them ranked, and the headlines of those. */
const searchSql = (branches: Branch[]) => `
  WITH candidates AS (${branches.map(branch).join(' UNION ALL ')}),
       hits AS (
         SELECT c.kind, c.id, c.group_id, c.thread_id, c.action_item_id, c.author_id, c.created_at,
                ts_rank(c.vector, ${QUERY}) AS rank
           FROM candidates c
          ORDER BY rank DESC, c.created_at DESC
          LIMIT $3
       )
  SELECT h.kind, h.id, h.group_id AS "groupId", h.thread_id AS "threadId", h.action_item_id AS "actionItemId",
         coalesce(t.title, a.title) AS title, fl.name AS "fileName", fl.place AS "filePlace",
         fl.message_id AS "fileMessageId", fl.action_item_comment_id AS "fileCommentId", h.author_id AS "authorId", u.display_name AS "authorName", h.rank,
         h.created_at AS "createdAt",
         ts_headline('tansiq_search',
                     left(CASE h.kind
                            WHEN 'message' THEN m.body
                            WHEN 'thread' THEN t.title || ' ' || coalesce(t.proposal, '')
                            WHEN 'outcome' THEN t.outcome_statement
                            WHEN 'position' THEN p.reason
                            WHEN 'action-item' THEN a.title || ' ' || a.description
                            WHEN 'file' THEN fl.name
                            ELSE c.body
                          END, $4),
                     ${QUERY}, $9) AS snippet
    FROM hits h
    LEFT JOIN threads t ON t.id = h.thread_id
    LEFT JOIN messages m ON h.kind = 'message' AND m.id = h.id
    LEFT JOIN positions p ON h.kind = 'position' AND p.thread_id = h.thread_id AND p.user_id = h.author_id
    LEFT JOIN action_items a ON a.id = h.action_item_id
    LEFT JOIN action_item_comments c ON h.kind = 'action-item-comment' AND c.id = h.id
    LEFT JOIN attachments fl ON h.kind = 'file' AND fl.id = h.id
    LEFT JOIN users u ON u.id = h.author_id
   ORDER BY h.rank DESC, h.created_at DESC`;

const SEARCH_BY_INDEX = searchSql(BRANCHES);
const SEARCH_BY_WALK = searchSql(
  BRANCHES.map((b) => (b.kind === 'message' ? { ...b, from: WALKED_FROM, where: 'TRUE' } : b)),
);

/**
 * Full-text search in Arabic and English (the tansiq_search_* functions of migration 1764890000000) over messages,
 * threads (title and proposal), outcome statements, position reasons, action items (title and description), their
 * comments and progress notes, and attached files' names, in the groups in scope.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Best first. The query and the groups in scope are read first, so the search sees them as constants (and walks their messages
   * when there are few: WALKED_MESSAGES). Only the page that is returned gets a headline, and that reads at most
   * HEADLINE_CHARS of each text. Words travel as one array parameter: tansiq_search_query makes them lexemes, never
   * query syntax.
   */
  async search(words: string[], scope: SearchScope, filters: SearchFilters, limit: number): Promise<SearchHitRecord[]> {
    const { query, groupIds, messages } = await this.prepare(words, scope);
    if (!query || groupIds?.length === 0) return [];
    return this.db.query(groupIds && messages <= WALKED_MESSAGES ? SEARCH_BY_WALK : SEARCH_BY_INDEX, [
      query,
      groupIds,
      limit,
      HEADLINE_CHARS,
      filters.kind,
      filters.authorId,
      filters.from,
      filters.to,
      HEADLINE,
    ]);
  }

  /**
   * The query for the words (null when none has a lexeme), the groups in scope (null: every group, for the admin)
   * and how many live messages they hold, from their threads' message counts (counting the messages themselves read
   * every one of them: 20–140 ms at 10,000).
   */
  private async prepare(
    words: string[],
    scope: SearchScope,
  ): Promise<{ query: string | null; groupIds: string[] | null; messages: number }> {
    const everyGroup = scope.everyGroup && !scope.groupId;
    const [row]: { query: string | null; groupIds: string[] | null; messages: number }[] = await this.db.query(
      `WITH visible AS (
         SELECT g.id FROM working_groups g
          WHERE NOT $4::boolean AND ($2::uuid IS NULL OR g.id = $2::uuid)
            AND ($3::boolean OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = $1))
       )
       SELECT tansiq_search_query($5::text[])::text AS query,
              CASE WHEN $4::boolean THEN NULL ELSE ARRAY(SELECT id FROM visible) END AS "groupIds",
              (SELECT coalesce(sum(t.message_count), 0)::int FROM threads t
                WHERE t.group_id IN (SELECT id FROM visible)) AS messages`,
      [scope.userId, scope.groupId, scope.everyGroup, everyGroup, words],
    );
    return row;
  }
}
