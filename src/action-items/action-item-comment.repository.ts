import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { attachedFilesJson } from '../attachments/attachment-places.repository';
import { ActionCommentView } from './dto/action-item.dto';
import { ActionItemComment } from './entities/action-item-comment.entity';

const COMMENT_SELECT = `SELECT c.id, c.action_item_id AS "actionItemId", c.kind, c.body, c.body_html AS "bodyHtml",
    c.author_id AS "authorId", u.display_name AS "authorName", c.organization_id AS "organizationId",
    o.name AS "organizationName", c.created_at AS "createdAt",
    ${attachedFilesJson(`f.action_item_comment_id = c.id AND f.place = 'progress'`)} AS attachments
  FROM action_item_comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = c.organization_id`;

/** Comments and progress notes on action items. */
@Injectable()
export class ActionItemCommentRepository {
  constructor(private readonly db: DataSource) {}

  /** Oldest first. */
  async list(actionItemId: string): Promise<ActionCommentView[]> {
    return this.db.query(`${COMMENT_SELECT} WHERE c.action_item_id = $1 ORDER BY c.created_at, c.id`, [actionItemId]);
  }

  /** With the organization the author speaks for as they write (history is not rewritten by a later move): its id. */
  async insert(
    tx: EntityManager,
    comment: Pick<ActionItemComment, 'actionItemId' | 'kind' | 'body' | 'bodyHtml'> & { authorId: string },
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO action_item_comments (action_item_id, author_id, kind, body, body_html, organization_id)
       SELECT $1, $2, $3, $4, $5, organization_id FROM users WHERE id = $2 RETURNING id`,
      [comment.actionItemId, comment.authorId, comment.kind, comment.body, comment.bodyHtml],
    );
    return id;
  }

  /** One comment or progress note as the list reads it (its files included). */
  async find(tx: EntityManager, id: string): Promise<ActionCommentView> {
    const [row]: ActionCommentView[] = await tx.query(`${COMMENT_SELECT} WHERE c.id = $1`, [id]);
    return row;
  }
}
