import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { renderMessage } from '../threads/markdown';
import { ActionItemsService } from './action-items.service';
import { ActionCommentDto } from './dto/action-item.dto';
import { CreateActionCommentDto } from './dto/update-action-item.dto';

interface CommentRow {
  id: string;
  action_item_id: string;
  kind: 'comment' | 'progress';
  body: string;
  body_html: string;
  author_id: string | null;
  author_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  created_at: Date;
}

const COMMENT_SELECT = `SELECT c.id, c.action_item_id, c.kind, c.body, c.body_html, c.author_id, u.display_name AS author_name,
    c.organization_id, o.name AS organization_name, c.created_at
  FROM action_item_comments c LEFT JOIN users u ON u.id = c.author_id LEFT JOIN organizations o ON o.id = c.organization_id`;

function toCommentDto(row: CommentRow): ActionCommentDto {
  return {
    id: row.id,
    actionItemId: row.action_item_id,
    kind: row.kind,
    body: row.body,
    bodyHtml: row.body_html,
    author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
    organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Comments from anyone who may write in the group; progress notes from those responsible for the item. */
@Injectable()
export class ActionItemCommentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly items: ActionItemsService,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
  ) {}

  async list(user: AuthUser, actionId: string): Promise<ActionCommentDto[]> {
    await this.items.get(user, actionId);
    const rows: CommentRow[] = await this.db.query(
      `${COMMENT_SELECT} WHERE c.action_item_id = $1 ORDER BY c.created_at, c.id`,
      [actionId],
    );
    return rows.map(toCommentDto);
  }

  async create(user: AuthUser, actionId: string, dto: CreateActionCommentDto): Promise<ActionCommentDto> {
    const item = await this.items.get(user, actionId);
    const kind = dto.kind ?? 'comment';
    if (kind === 'progress') await this.items.requireResponsible(user, item);
    else await this.access.require(user, Permission.ActionComment, [item.groupId]);
    const { comment, event } = await this.db.transaction(async (tx) => {
      const [{ id }]: { id: string }[] = await tx.query(
        // With the organization the author speaks for as they write: history is not rewritten by a later move.
        `INSERT INTO action_item_comments (action_item_id, author_id, kind, body, body_html, organization_id)
         SELECT $1, $2, $3, $4, $5, organization_id FROM users WHERE id = $2 RETURNING id`,
        [actionId, user.id, kind, dto.body, renderMessage(dto.body)],
      );
      const [row]: CommentRow[] = await tx.query(`${COMMENT_SELECT} WHERE c.id = $1`, [id]);
      const comment = toCommentDto(row);
      return { comment, event: await this.feed.append(tx, item.groupId, 'action.commented', comment, user.id) };
    });
    this.events.emit('ActionCommented', { event, item });
    return comment;
  }
}
