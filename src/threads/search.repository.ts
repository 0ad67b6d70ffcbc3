import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Private-use characters mark matches in a snippet, so it can be escaped before the marks become markup. */
export const MATCH_START = '\uE000';
export const MATCH_STOP = '\uE001';

/**
 * The most of a message or thread ts_headline reads: its cost grows with the text's tokens (10,000 characters of
 * `_a_a_a…` took about a second per row). A match further in still ranks the hit; its snippet shows the beginning.
 */
export const HEADLINE_CHARS = 2000;
const HEADLINE = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "`;

/** One hit: a message or a thread, with its snippet (matches between MATCH_START and MATCH_STOP, unescaped). */
export interface SearchHitRecord {
  kind: 'message' | 'thread';
  id: string;
  groupId: string;
  threadId: string;
  threadTitle: string;
  snippet: string;
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

/**
 * Full-text search with the 'simple' configuration, which tokenizes Arabic and English alike, over messages and
 * threads of the groups in scope.
 */
@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Best first. Matches and ranks come from the stored vectors through their GIN indexes; only the page that is
   * returned gets a headline, and that reads at most HEADLINE_CHARS of each text.
   */
  search(text: string, scope: SearchScope, limit: number): Promise<SearchHitRecord[]> {
    return this.db.query(
      `WITH q AS (SELECT plainto_tsquery('simple', $1) AS query),
            visible AS (
              SELECT g.id FROM working_groups g
               WHERE ($3::uuid IS NULL OR g.id = $3::uuid)
                 AND ($4::boolean OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.user_id = $2))
            ),
            hits AS (
              SELECT 'message' AS kind, m.id, m.group_id, m.thread_id, ts_rank(m.search_vector, q.query) AS rank,
                     m.created_at
                FROM messages m, q
               WHERE m.deleted_at IS NULL AND m.group_id IN (SELECT id FROM visible) AND m.search_vector @@ q.query
              UNION ALL
              SELECT 'thread', t.id, t.group_id, t.id, ts_rank(t.search_vector, q.query), t.created_at
                FROM threads t, q
               WHERE t.group_id IN (SELECT id FROM visible) AND t.search_vector @@ q.query
              ORDER BY rank DESC, created_at DESC
              LIMIT $6
            )
       SELECT h.kind, h.id, h.group_id AS "groupId", h.thread_id AS "threadId", t.title AS "threadTitle", h.rank,
              h.created_at AS "createdAt",
              ts_headline('simple',
                          left(CASE WHEN h.kind = 'message' THEN m.body ELSE t.title || ' ' || coalesce(t.proposal, '') END,
                               $7),
                          q.query, $5) AS snippet
         FROM hits h
         JOIN threads t ON t.id = h.thread_id
         LEFT JOIN messages m ON h.kind = 'message' AND m.id = h.id
        CROSS JOIN q
        ORDER BY h.rank DESC, h.created_at DESC`,
      [text, scope.userId, scope.groupId, scope.everyGroup, HEADLINE, limit, HEADLINE_CHARS],
    );
  }
}
