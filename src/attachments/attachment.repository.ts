import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlParameters } from '../common/sql-parameters';
import type { AttachmentRow } from './dto/attachment.dto';
import type { FileKind } from './dto/attachment.dto';
import type { Attachment } from './entities/attachment.entity';
import { kindCondition } from './file-kinds';

const SELECT = `SELECT a.id, a.group_id AS "groupId", a.uploader_id AS "uploaderId", u.display_name AS "uploaderName",
    a.name, a.content_type AS "contentType", a.size, a.sha256, a.storage, a.status, a.place,
    a.message_id AS "messageId", a.thread_id AS "threadId", a.action_item_id AS "actionItemId",
    a.action_item_comment_id AS "actionItemCommentId", a.width, a.height, a.page_count AS "pageCount",
    a.has_thumbnail AS "hasThumbnail", a.created_at AS "createdAt",
    to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
  FROM attachments a LEFT JOIN users u ON u.id = a.uploader_id`;

/** RETURNING the same columns, for a write that answers with rows (the uploader's name read in a subquery). */
const RETURNING = `RETURNING id, group_id AS "groupId", uploader_id AS "uploaderId",
    (SELECT display_name FROM users WHERE users.id = uploader_id) AS "uploaderName", name,
    content_type AS "contentType", size, sha256, storage, status, place, message_id AS "messageId",
    thread_id AS "threadId", action_item_id AS "actionItemId", action_item_comment_id AS "actionItemCommentId", width,
    height, page_count AS "pageCount", has_thumbnail AS "hasThumbnail", created_at AS "createdAt"`;

export interface ListFilters {
  kind?: FileKind;
  threadId?: string;
  actionItemId?: string;
  uploaderId?: string;
  words: string[];
  before: [string, string] | null;
}

/** Every query on attachments; the bytes are the file store's. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly db: DataSource) {}

  async insertUploading(
    row: Pick<Attachment, 'id' | 'groupId' | 'uploaderId' | 'name' | 'storage' | 'contentType'>,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO attachments (id, group_id, uploader_id, name, content_type, storage, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'uploading')`,
      [row.id, row.groupId, row.uploaderId, row.name, row.contentType, row.storage],
    );
  }

  /** The upload is stored and checked: the row becomes `pending` with what the bytes said. */
  async markPending(
    id: string,
    facts: Pick<Attachment, 'contentType' | 'sha256' | 'width' | 'height' | 'pageCount' | 'hasThumbnail'> & {
      size: number;
    },
  ): Promise<AttachmentRow | undefined> {
    const [rows] = await this.db.query(
      `UPDATE attachments SET status = 'pending', size = $2, sha256 = $3, content_type = $4, width = $5, height = $6,
              page_count = $7, has_thumbnail = $8
        WHERE id = $1 AND status = 'uploading' ${RETURNING}`,
      [id, facts.size, facts.sha256, facts.contentType, facts.width, facts.height, facts.pageCount, facts.hasThumbnail],
    );
    return (rows as AttachmentRow[])[0];
  }

  /** Bytes the group's files take, uploads under way included (their size is counted as they finish). */
  async groupUsage(groupId: string): Promise<number> {
    const [{ bytes }]: { bytes: string }[] = await this.db.query(
      'SELECT coalesce(sum(size), 0)::bigint AS bytes FROM attachments WHERE group_id = $1',
      [groupId],
    );
    return Number(bytes);
  }

  async find(id: string, tx?: EntityManager): Promise<AttachmentRow | undefined> {
    const [row]: AttachmentRow[] = await (tx ?? this.db.manager).query(`${SELECT} WHERE a.id = $1`, [id]);
    return row;
  }

  async findMany(ids: string[]): Promise<AttachmentRow[]> {
    return this.db.query(`${SELECT} WHERE a.id = ANY($1::uuid[])`, [ids]);
  }

  /** Attached files of one group, newest first, before the (created_at, id) cursor; `limit` rows plus one. */
  async page(groupId: string, filters: ListFilters, limit: number): Promise<(AttachmentRow & { cursorAt: string })[]> {
    const params = new SqlParameters([groupId]);
    const where = [`a.group_id = $1`, `a.status = 'attached'`];
    if (filters.kind) where.push(kindCondition(filters.kind, params));
    if (filters.threadId) where.push(`a.thread_id = ${params.add(filters.threadId)}`);
    if (filters.actionItemId) where.push(`a.action_item_id = ${params.add(filters.actionItemId)}`);
    if (filters.uploaderId) where.push(`a.uploader_id = ${params.add(filters.uploaderId)}`);
    if (filters.words.length > 0) {
      where.push(`a.search_vector @@ tansiq_search_query(${params.add(filters.words)}::text[])`);
    }
    if (filters.before) {
      const [at, id] = filters.before;
      where.push(`(a.created_at, a.id) < (${params.add(at)}::timestamptz, ${params.add(id)}::uuid)`);
    }
    return this.db.query(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.created_at DESC, a.id DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async delete(tx: EntityManager, id: string): Promise<AttachmentRow | undefined> {
    const [rows] = await tx.query(`DELETE FROM attachments WHERE id = $1 ${RETURNING}`, [id]);
    return (rows as AttachmentRow[])[0];
  }

  /** Deletes an upload that failed; its bytes are the caller's to remove. */
  async deleteUnfinished(id: string): Promise<void> {
    await this.db.query(`DELETE FROM attachments WHERE id = $1 AND status <> 'attached'`, [id]);
  }

  /** Whether a link's user is still an active account, and the workspace admin. */
  async activeUser(userId: string): Promise<{ isAdmin: boolean } | undefined> {
    const [user]: { isAdmin: boolean }[] = await this.db.query(
      'SELECT is_admin AS "isAdmin" FROM users WHERE id = $1 AND deactivated_at IS NULL',
      [userId],
    );
    return user;
  }

  /** Abandoned uploads: `uploading` for over an hour, `pending` (never attached) for over a day. Deleted, answered. */
  async deleteAbandoned(now: Date): Promise<Pick<AttachmentRow, 'id' | 'storage' | 'hasThumbnail'>[]> {
    const [rows] = await this.db.query(
      `DELETE FROM attachments
        WHERE (status = 'uploading' AND created_at < $1::timestamptz - interval '1 hour')
           OR (status = 'pending' AND created_at < $1::timestamptz - interval '24 hours')
        RETURNING id, storage, has_thumbnail AS "hasThumbnail"`,
      [now.toISOString()],
    );
    return rows as Pick<AttachmentRow, 'id' | 'storage' | 'hasThumbnail'>[];
  }
}
