import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { actorOf, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { refusal, fieldError } from '../common/errors/refusal';
import { cursorProblem, encodeCursor } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { ChangeFeedService } from '../events/change-feed.service';
import { searchWords } from '../threads/search-words';
import { AttachmentRepository, ClaimTarget, RemovalScope } from './attachment.repository';
import {
  AttachmentDto,
  AttachmentPageDto,
  AttachmentRow,
  toAttachmentDto,
  toAttachmentRemovedDto,
} from './dto/attachment.dto';
import { ListAttachmentsQueryDto } from './dto/list-attachments.query.dto';
import type { AttachmentPlace } from './entities/attachment.entity';
import { attachmentKey, FILE_STORES, thumbnailKey } from './storage/file-store';
import type { FileStores } from './storage/file-stores.provider';

/** The most files one message, proposal, action item or progress note takes at once. */
export const MAX_ATTACHMENTS_PER_TARGET = 10;

export type { ClaimTarget, RemovalScope };

export const attachmentNotFound = () => new NotFoundException(refusal('attachment-not-found'));

/** The bytes of a row: the file, and its thumbnail when one was made. */
export function keysOf(row: Pick<AttachmentRow, 'id' | 'hasThumbnail'>): string[] {
  return row.hasThumbnail ? [attachmentKey(row.id), thumbnailKey(row.id)] : [attachmentKey(row.id)];
}

/**
 * Files as the group sees them: the list, one file, removal; and the API the places (messages, proposals, action
 * items, progress notes) call inside their own transactions to attach, read and remove files.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly attachments: AttachmentRepository,
    private readonly feed: ChangeFeedService,
    private readonly audit: AuditService,
    @Inject(FILE_STORES) private readonly stores: FileStores,
  ) {}

  /** Attached files of a group, newest first. */
  async list(user: AuthUser, groupId: string, query: ListAttachmentsQueryDto): Promise<AttachmentPageDto> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const limit = query.limit ?? 50;
    const rows = await this.attachments.page(
      groupId,
      {
        kind: query.kind,
        threadId: query.threadId,
        actionItemId: query.actionItemId,
        uploaderId: query.uploaderId,
        words: query.q ? searchWords(query.q) : [],
        before: decodeBefore(query.before),
      },
      limit + 1,
    );
    const more = rows.length > limit;
    const kept = more ? rows.slice(0, limit) : rows;
    // The cursor keeps PostgreSQL's microseconds: two files of the same millisecond are neither skipped nor repeated.
    const last = kept.at(-1);
    return {
      items: kept.map(toAttachmentDto),
      nextBefore: more && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<AttachmentDto> {
    return toAttachmentDto(await this.visible(user, id));
  }

  /**
   * The row, if the user may see it: a member (or the admin) of its group, and for a file not attached yet its
   * uploader only. Anything else is the same 404 as a file that does not exist.
   */
  async visible(user: AuthUser, id: string, tx?: EntityManager): Promise<AttachmentRow> {
    const row = await this.attachments.find(id, tx);
    if (!row || !(await this.readable(user, [row])).has(row.id)) throw attachmentNotFound();
    return row;
  }

  /** Of the rows, those the user may see (one access query for all of them). */
  async readable(user: AuthUser, rows: AttachmentRow[]): Promise<Set<string>> {
    const groups = await this.access.filter(user, Permission.GroupRead, [...new Set(rows.map((r) => r.groupId))]);
    return new Set(
      rows
        .filter((row) => groups.has(row.groupId))
        .filter((row) => row.status === 'attached' || (row.status === 'pending' && row.uploaderId === user.id))
        .map((row) => row.id),
    );
  }

  /**
   * Its uploader (while they may post) or a facilitator removes a file. The row goes in one transaction with the
   * audit entry and the feed event `attachment.removed`; the bytes after it commits.
   */
  async remove(user: AuthUser, id: string): Promise<void> {
    const row = await this.visible(user, id);
    const own = row.uploaderId === user.id;
    await this.access.require(user, own ? Permission.MessagePost : Permission.MessageModerate, [row.groupId]);
    const removed = await this.db.transaction(async (tx) => {
      const deleted = await this.attachments.delete(tx, id);
      if (!deleted) throw attachmentNotFound();
      await this.audit.record(tx, {
        groupId: deleted.groupId,
        ...actorOf(user),
        action: 'attachment.removed',
        subjectId: deleted.uploaderId,
        before: { id: deleted.id, name: deleted.name, size: Number(deleted.size), place: deleted.place },
      });
      await this.feed.append(tx, deleted.groupId, 'attachment.removed', toAttachmentRemovedDto(deleted), user.id);
      return deleted;
    });
    await this.afterRemoval(keysOf(removed));
  }

  /**
   * Attaches the user's own pending files of the group to a message, proposal, action item or progress note, in the
   * caller's transaction: all of them or none (a file already attached, someone else's, another group's or gone is
   * a 400 on `attachmentIds`, and the caller's transaction rolls back with it).
   */
  async claim(
    tx: EntityManager,
    user: Pick<AuthUser, 'id'>,
    groupId: string,
    ids: string[],
    target: ClaimTarget,
  ): Promise<AttachmentDto[]> {
    if (ids.length === 0) return [];
    if (ids.length > MAX_ATTACHMENTS_PER_TARGET) {
      throw new ValidationFailed([
        fieldError('attachmentIds', 'too-many-attachments', { max: MAX_ATTACHMENTS_PER_TARGET }),
      ]);
    }
    const unique = [...new Set(ids)];
    const rows = await this.attachments.claim(tx, user.id, groupId, unique, target);
    if (rows.length !== unique.length || unique.length !== ids.length) {
      throw new ValidationFailed([fieldError('attachmentIds', 'attachment-not-available')]);
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(toAttachmentDto);
  }

  /**
   * The attached files of many places at once, by the place's id: messages, recommendations' proposals, action
   * items, progress notes. One query per kind of id given.
   */
  async forTargets(
    db: DataSource | EntityManager,
    targets: { messageIds?: string[]; threadIds?: string[]; actionItemIds?: string[]; commentIds?: string[] },
  ): Promise<Map<string, AttachmentDto[]>> {
    const byTarget = new Map<string, AttachmentDto[]>();
    const kinds: [string[] | undefined, Parameters<AttachmentRepository['attachedTo']>[1], AttachmentPlace][] = [
      [targets.messageIds, 'message_id', 'message'],
      [targets.threadIds, 'thread_id', 'proposal'],
      [targets.actionItemIds, 'action_item_id', 'action'],
      [targets.commentIds, 'action_item_comment_id', 'progress'],
    ];
    for (const [ids, column, place] of kinds) {
      if (!ids || ids.length === 0) continue;
      for (const row of await this.attachments.attachedTo(db, column, ids, [place])) {
        const key = {
          message: row.messageId,
          proposal: row.threadId,
          action: row.actionItemId,
          progress: row.actionItemCommentId,
        }[place];
        if (!key) continue;
        const list = byTarget.get(key) ?? [];
        list.push(toAttachmentDto(row));
        byTarget.set(key, list);
      }
    }
    return byTarget;
  }

  /**
   * Deletes the rows of files on removed places, in the caller's transaction, and answers the keys of their bytes:
   * pass them to afterRemoval() once it has committed.
   */
  async removeFor(tx: EntityManager, where: RemovalScope): Promise<string[]> {
    return (await this.attachments.removeWhere(tx, where)).flatMap(keysOf);
  }

  /** Removes bytes whose rows are gone, from every store (a missing key is no error). Never throws: logged. */
  async afterRemoval(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const store of Object.values(this.stores)) {
      try {
        await store?.remove(keys);
      } catch (error) {
        this.logger.warn(`Removing ${keys.length} stored files failed: ${(error as Error).message}`);
      }
    }
  }
}

/** The list's `before` cursor: the (created_at, id) of the last file of the previous page. */
function decodeBefore(before: string | undefined): [string, string] | null {
  if (!before) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(before, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (key === undefined || cursorProblem(key, ['timestamp', 'uuid']) !== null) {
    throw new ValidationFailed([fieldError('before', 'cursor-invalid')]);
  }
  return key as [string, string];
}
