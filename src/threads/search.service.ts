import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { SearchHitDto, SearchQueryDto } from './dto/search.dto';
import { MATCH_START, MATCH_STOP, SearchRepository } from './search.repository';
import { searchWords } from './search-words';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escapes the text between markers and turns the markers into <mark>: nothing else can become markup. */
export function snippetHtml(raw: string): string {
  let html = '';
  let inside = false;
  for (const part of raw.split(/([\uE000\uE001])/)) {
    if (part === MATCH_START || part === MATCH_STOP) {
      if (inside !== (part === MATCH_START)) html += part === MATCH_START ? '<mark>' : '</mark>';
      inside = part === MATCH_START;
    } else {
      html += escapeHtml(part);
    }
  }
  return inside ? `${html}</mark>` : html;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A range's end, exclusive: a date alone (2026-12-01) means through that day (UTC). */
function rangeEnd(value: string): Date {
  const at = new Date(value);
  return DATE_ONLY.test(value) ? new Date(at.getTime() + DAY_MS) : at;
}

/** Search over the groups the caller belongs to (every group for the workspace admin): ranked, with highlights. */
@Injectable()
export class SearchService {
  constructor(
    private readonly hits: SearchRepository,
    private readonly access: AccessService,
  ) {}

  async search(user: AuthUser, query: SearchQueryDto): Promise<SearchHitDto[]> {
    if (query.groupId) await this.access.require(user, Permission.GroupRead, [query.groupId]);
    const words = searchWords(query.q);
    if (words.length === 0) return [];
    const rows = await this.hits.search(
      words,
      { userId: user.id, everyGroup: user.isAdmin, groupId: query.groupId ?? null },
      {
        kind: query.kind ?? null,
        authorId: query.authorId ?? null,
        from: query.from ? new Date(query.from) : null,
        to: query.to ? rangeEnd(query.to) : null,
      },
      query.limit ?? 20,
    );
    return rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      groupId: row.groupId,
      threadId: row.threadId,
      actionItemId: row.actionItemId,
      title: row.title,
      file:
        row.kind === 'file' && row.fileName !== null && row.filePlace !== null
          ? {
              name: row.fileName,
              place: row.filePlace,
              messageId: row.fileMessageId,
              actionItemCommentId: row.fileCommentId,
            }
          : null,
      snippetHtml: snippetHtml(row.snippet),
      authorId: row.authorId,
      authorName: row.authorName,
      rank: Number(row.rank),
      createdAt: new Date(row.createdAt).toISOString(),
    }));
  }
}
