import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AttachmentDtoSource } from './dto/attachment.dto';
import type { Attachment, AttachmentPlace } from './entities/attachment.entity';

/** An attachment as the places' queries read it: what a reader's DTO is made from. */
export type AttachmentRow = AttachmentDtoSource;

/** The columns of an AttachmentRow, from `f` (attachments) and `u` (its uploader). */
const ROW_COLUMNS = `f.id, f.group_id AS "groupId", f.name, f.content_type AS "contentType", f.size,
  f.uploader_id AS "uploaderId", u.display_name AS "uploaderName", f.place, f.message_id AS "messageId",
  f.thread_id AS "threadId", f.action_item_id AS "actionItemId", f.action_item_comment_id AS "actionItemCommentId",
  f.width, f.height, f.page_count AS "pageCount", f.has_thumbnail AS "hasThumbnail", f.created_at AS "createdAt"`;

/** Files in the order their uploader chose them (upload order), the same in every list and in a claim's answer. */
const FILE_ORDER = 'f.created_at, f.id';

/**
 * A correlated subquery for the reads of threads, action items and comments: the attached files of one place as a
 * JSON array of AttachmentRow (through an index on the column `where` names), so a list of them loads its files in
 * the same statement, without a query per row. `where` is fixed SQL over `f`, never a value.
 */
export function attachedFilesJson(where: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', f.id, 'groupId', f.group_id, 'name', f.name,
      'contentType', f.content_type, 'size', f.size, 'uploaderId', f.uploader_id, 'uploaderName', u.display_name,
      'place', f.place, 'messageId', f.message_id, 'threadId', f.thread_id, 'actionItemId', f.action_item_id,
      'actionItemCommentId', f.action_item_comment_id, 'width', f.width, 'height', f.height,
      'pageCount', f.page_count, 'hasThumbnail', f.has_thumbnail, 'createdAt', f.created_at) ORDER BY ${FILE_ORDER}),
      '[]'::json)
     FROM attachments f LEFT JOIN users u ON u.id = f.uploader_id
    WHERE f.status = 'attached' AND ${where})`;
}

/** What a claim writes on the rows: the place and the one or two ids that say where. */
export interface ClaimedPlace {
  place: AttachmentPlace;
  messageId: string | null;
  threadId: string | null;
  actionItemId: string | null;
  actionItemCommentId: string | null;
}

/** The column each kind of target's ids are matched on, the place its files have, and the row's field for it. */
export const TARGET_COLUMNS = {
  messageIds: { column: 'message_id', place: 'message', key: 'messageId' },
  threadIds: { column: 'thread_id', place: 'proposal', key: 'threadId' },
  actionItemIds: { column: 'action_item_id', place: 'action', key: 'actionItemId' },
  commentIds: { column: 'action_item_comment_id', place: 'progress', key: 'actionItemCommentId' },
} as const satisfies Record<string, { column: string; place: AttachmentPlace; key: keyof AttachmentRow }>;

/** A file deleted with what it was attached to: what its audit entry and its bytes' removal need. */
export type RemovedFile = Pick<
  Attachment,
  'id' | 'groupId' | 'name' | 'place' | 'messageId' | 'actionItemId' | 'actionItemCommentId' | 'hasThumbnail'
>;

/** The SQL of attaching files to messages, proposals, action items and progress notes, and of detaching them. */
@Injectable()
export class AttachmentPlacesRepository {
  /**
   * One statement: the uploader's own pending files of this group among `ids` become attached to the place; the
   * rows it changed, with the uploader's name. Another's file, another group's, or one already attached is left
   * alone (and so missing from the answer).
   */
  claim(
    tx: EntityManager,
    user: { id: string },
    groupId: string,
    ids: string[],
    target: ClaimedPlace,
  ): Promise<AttachmentRow[]> {
    return tx.query(
      `WITH f AS (
         UPDATE attachments SET status = 'attached', place = $4, message_id = $5, thread_id = $6,
                action_item_id = $7, action_item_comment_id = $8, attached_at = now()
          WHERE id = ANY($1::uuid[]) AND uploader_id = $2 AND group_id = $3 AND status = 'pending'
          RETURNING *
       )
       SELECT ${ROW_COLUMNS} FROM f LEFT JOIN users u ON u.id = f.uploader_id ORDER BY ${FILE_ORDER}`,
      [
        ids,
        user.id,
        groupId,
        target.place,
        target.messageId,
        target.threadId,
        target.actionItemId,
        target.actionItemCommentId,
      ],
    );
  }

  /** The attached files of these targets of one kind (their place's column among `ids`). */
  attachedTo(db: EntityManager, kind: keyof typeof TARGET_COLUMNS, ids: string[]): Promise<AttachmentRow[]> {
    const { column, place } = TARGET_COLUMNS[kind];
    return db.query(
      `SELECT ${ROW_COLUMNS} FROM attachments f LEFT JOIN users u ON u.id = f.uploader_id
        WHERE f.${column} = ANY($1::uuid[]) AND f.place = $2 AND f.status = 'attached' ORDER BY ${FILE_ORDER}`,
      [ids, place],
    );
  }

  /** Deletes the files of a message, or of an action item (its own and its progress notes'): their ids. */
  async remove(tx: EntityManager, where: { messageId: string } | { actionItemId: string }): Promise<RemovedFile[]> {
    const [column, id] =
      'messageId' in where ? ['message_id', where.messageId] : ['action_item_id', where.actionItemId];
    // A DELETE answers [rows, count] through TypeORM's query().
    const [rows]: [RemovedFile[], number] = await tx.query(
      `DELETE FROM attachments WHERE ${column} = $1
       RETURNING id, group_id AS "groupId", name, place, message_id AS "messageId", action_item_id AS "actionItemId",
                 action_item_comment_id AS "actionItemCommentId", has_thumbnail AS "hasThumbnail"`,
      [id],
    );
    return rows;
  }
}
