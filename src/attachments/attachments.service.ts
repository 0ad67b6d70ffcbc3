import { Injectable, NotFoundException } from '@nestjs/common';
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
import { AttachmentPlaces } from './attachment-places';
import { AttachmentRepository } from './attachment.repository';
import {
  AttachmentDto,
  AttachmentPageDto,
  AttachmentRow,
  toAttachmentDto,
  toAttachmentRemovedDto,
} from './dto/attachment.dto';
import { ListAttachmentsQueryDto } from './dto/list-attachments.query.dto';
import { keysOf } from './storage/file-store';

export const attachmentNotFound = () => new NotFoundException(refusal('attachment-not-found'));

/**
 * Files as the group sees them: the list, one file, removal. Attaching them to messages, proposals, action items and
 * progress notes, in those writes' own transactions, is AttachmentPlaces'.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly attachments: AttachmentRepository,
    private readonly feed: ChangeFeedService,
    private readonly audit: AuditService,
    private readonly places: AttachmentPlaces,
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
    await this.places.afterRemoval(keysOf(removed));
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
