import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { fieldError } from '../common/errors/refusal';
import { ValidationFailed } from '../common/validation.pipe';
import { AttachmentDto, toAttachmentDto } from './dto/attachment.dto';
import { MAX_ATTACHMENTS } from './dto/attachment-ids';
import {
  AttachmentPlacesRepository,
  AttachmentRow,
  ClaimedPlace,
  TARGET_COLUMNS,
} from './attachment-places.repository';
import { FILE_STORES, keysOf } from './storage/file-store';
import type { FileStores } from './storage/file-stores.provider';

/** Where files are attached: the write that attaches them names its place. */
export type AttachmentTarget =
  | { place: 'message'; messageId: string; threadId: string }
  | { place: 'proposal'; threadId: string }
  | { place: 'action'; actionItemId: string }
  | { place: 'progress'; actionItemId: string; actionItemCommentId: string };

/** Targets whose files a list shows: messages, recommendations (their proposal), action items, progress notes. */
export interface AttachmentTargets {
  messageIds?: string[];
  threadIds?: string[];
  actionItemIds?: string[];
  commentIds?: string[];
}

/** An attachment row as every reader sees it. */
/** The files a read's `attachedFilesJson` column brought (null: none), as readers see them. */
export function placedAttachments(rows: AttachmentRow[] | null | undefined): AttachmentDto[] {
  return (rows ?? []).map(toAttachmentDto);
}

/**
 * Files on messages, proposals, action items and progress notes: attaching them in the write's own transaction,
 * loading them for lists, removing them with what they are attached to. Features call this; the upload, links and
 * the bytes are AttachmentsService's.
 */
@Injectable()
export class AttachmentPlaces {
  private readonly logger = new Logger(AttachmentPlaces.name);

  constructor(
    private readonly files: AttachmentPlacesRepository,
    private readonly audit: AuditService,
    @Inject(FILE_STORES) private readonly stores: FileStores,
  ) {}

  /**
   * Attaches the user's own pending uploads of the group to the target, in the caller's transaction. Any id that is
   * not one (another's, another group's, already attached, unknown) refuses the whole write: the caller's
   * transaction rolls back with nothing attached and nothing written.
   */
  async claim(
    tx: EntityManager,
    user: Pick<AuthUser, 'id'>,
    groupId: string,
    ids: string[],
    target: AttachmentTarget,
  ): Promise<AttachmentDto[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    if (wanted.length > MAX_ATTACHMENTS) {
      throw new ValidationFailed([fieldError('attachmentIds', 'too-many-items', { max: MAX_ATTACHMENTS })]);
    }
    // A file named twice is a client's mistake: say so rather than guess which place or order it meant.
    if (wanted.length !== ids.length)
      throw new ValidationFailed([fieldError('attachmentIds', 'attachment-not-available')]);
    const rows = await this.files.claim(tx, user, groupId, wanted, placeOf(target));
    if (rows.length < wanted.length)
      throw new ValidationFailed([fieldError('attachmentIds', 'attachment-not-available')]);
    return rows.map(toAttachmentDto);
  }

  /** The attached files of every target given, by target id (one query per kind of target given). */
  async forTargets(db: EntityManager, targets: AttachmentTargets): Promise<Map<string, AttachmentDto[]>> {
    const byTarget = new Map<string, AttachmentDto[]>();
    const kinds = (Object.keys(TARGET_COLUMNS) as (keyof typeof TARGET_COLUMNS)[]).filter(
      (kind) => (targets[kind]?.length ?? 0) > 0,
    );
    // One kind after the other: `db` may be a transaction, one client that runs one query at a time.
    for (const kind of kinds) {
      for (const row of await this.files.attachedTo(db, kind, targets[kind]!)) {
        const key = row[TARGET_COLUMNS[kind].key]!;
        byTarget.set(key, [...(byTarget.get(key) ?? []), toAttachmentDto(row)]);
      }
    }
    return byTarget;
  }

  /**
   * Deletes the file rows of a deleted message or action item (an action item's own files and its progress notes'),
   * in the caller's transaction, each with an audit entry by who deleted it: the keys of their bytes, for
   * `afterRemoval` once that commits.
   */
  async removeFor(
    tx: EntityManager,
    where: { messageId: string } | { actionItemId: string },
    by: AuthUser,
  ): Promise<string[]> {
    const removed = await this.files.remove(tx, where);
    for (const file of removed) {
      await this.audit.record(tx, {
        groupId: file.groupId,
        ...actorOf(by),
        action: 'attachment.removed',
        // The subject is a user, when there is one: the file is named in `before`.
        before: {
          id: file.id,
          name: file.name,
          place: file.place,
          messageId: file.messageId,
          actionItemId: file.actionItemId,
          actionItemCommentId: file.actionItemCommentId,
        },
      });
    }
    return removed.flatMap(keysOf);
  }

  /**
   * After the removing transaction commits: the bytes under these keys go, from every store (a file keeps the store
   * it was written to; a missing key is no error). Never throws: a failure is logged, and the bytes are orphans no
   * row points to, which no one can reach.
   */
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

/** The columns a claim writes for a target (the ids a place does not use stay null). */
function placeOf(target: AttachmentTarget): ClaimedPlace {
  const none = { messageId: null, threadId: null, actionItemId: null, actionItemCommentId: null };
  switch (target.place) {
    case 'message':
      return { ...none, place: 'message', messageId: target.messageId, threadId: target.threadId };
    case 'proposal':
      return { ...none, place: 'proposal', threadId: target.threadId };
    case 'action':
      return { ...none, place: 'action', actionItemId: target.actionItemId };
    case 'progress':
      return {
        ...none,
        place: 'progress',
        actionItemId: target.actionItemId,
        actionItemCommentId: target.actionItemCommentId,
      };
  }
}
