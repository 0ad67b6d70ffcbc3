import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { SearchHitDto, SearchQueryDto } from './dto/search.dto';

interface HitRow {
  kind: 'message' | 'thread';
  id: string;
  group_id: string;
  thread_id: string;
  thread_title: string;
  snippet: string;
  rank: number;
  created_at: Date;
}

// Private-use characters mark matches in ts_headline, so the snippet can be escaped before <mark> is added.
const START = '\uE000';
const STOP = '\uE001';
/**
 * The most of a message or thread ts_headline reads: its cost grows with the text's tokens (10,000 characters of
 * `_a_a_a…` took about a second per row). A match further in still ranks the hit; its snippet shows the beginning.
 */
export const HEADLINE_CHARS = 2000;
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escapes the text between markers and turns the markers into <mark>: nothing else can become markup. */
export function snippetHtml(raw: string): string {
  let html = '';
  let inside = false;
  for (const part of raw.split(/([\uE000\uE001])/)) {
    if (part === START || part === STOP) {
      if (inside !== (part === START)) html += part === START ? '<mark>' : '</mark>';
      inside = part === START;
    } else {
      html += escapeHtml(part);
    }
  }
  return inside ? `${html}</mark>` : html;
}

/**
 * Full-text search with the 'simple' configuration, which tokenizes Arabic and English alike, over messages and
 * threads of the groups the caller belongs to (every group for the workspace admin): ranked, with highlights.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async search(user: AuthUser, query: SearchQueryDto): Promise<SearchHitDto[]> {
    if (query.groupId) await this.access.require(user, Permission.GroupRead, [query.groupId]);
    const limit = query.limit ?? 20;
    // Matches and ranks come from the stored vectors through their GIN indexes; only the page that is returned
    // gets a headline, and that reads at most HEADLINE_CHARS of each text.
    const rows: HitRow[] = await this.db.query(
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
       SELECT h.kind, h.id, h.group_id, h.thread_id, t.title AS thread_title, h.rank, h.created_at,
              ts_headline('simple',
                          left(CASE WHEN h.kind = 'message' THEN m.body ELSE t.title || ' ' || coalesce(t.proposal, '') END,
                               $7),
                          q.query, $5) AS snippet
         FROM hits h
         JOIN threads t ON t.id = h.thread_id
         LEFT JOIN messages m ON h.kind = 'message' AND m.id = h.id
        CROSS JOIN q
        ORDER BY h.rank DESC, h.created_at DESC`,
      [query.q, user.id, query.groupId ?? null, user.isAdmin, HEADLINE, limit, HEADLINE_CHARS],
    );
    return rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      groupId: row.group_id,
      threadId: row.thread_id,
      threadTitle: row.thread_title,
      snippetHtml: snippetHtml(row.snippet),
      rank: Number(row.rank),
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }
}
