import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AttachmentPlaces } from '../attachments/attachment-places';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { ChangeFeedService } from '../events/change-feed.service';
import { CreateThreadDto } from './dto/create-thread.dto';
import { MyThreadDto, ThreadDto, toMyThreadDto, toThreadDto } from './dto/thread.dto';
import { MarkThreadReadDto, UpdateThreadDto } from './dto/update-thread.dto';
import { renderMessage } from './markdown';
import { MessageRepository } from './message.repository';
import { MessagesService } from './messages.service';
import { ThreadChanges, ThreadCursor, ThreadRepository } from './thread.repository';
import { fieldError, refusal } from '../common/errors/refusal';

@Injectable()
export class ThreadsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly messages: MessagesService,
    private readonly threads: ThreadRepository,
    private readonly messageRows: MessageRepository,
    private readonly attachments: AttachmentPlaces,
  ) {}

  /** Pinned first, then by last activity; each with the caller's unread count. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<MyThreadDto>> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<ThreadCursor>(query.cursor, ['int4', 'timestamp', 'uuid']);
    const rows = await this.threads.page(groupId, user.id, cursor, limit + 1);
    return toPage(rows, limit, toMyThreadDto, (row) => [
      row.pinned ? 1 : 0,
      new Date(row.lastActivityAt).toISOString(),
      row.id,
    ]);
  }

  async get(user: AuthUser, threadId: string): Promise<ThreadDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    return this.load(this.db.manager, threadId);
  }

  async create(user: AuthUser, groupId: string, dto: CreateThreadDto): Promise<ThreadDto> {
    await this.access.require(user, Permission.ThreadCreate, [groupId]);
    if (dto.attachmentIds?.length && dto.kind !== 'recommendation') {
      throw new ValidationFailed([fieldError('attachmentIds', 'not-a-recommendation')]);
    }
    return this.db.transaction(async (tx) => {
      const proposal = dto.kind === 'recommendation' ? (dto.proposal ?? '') : null;
      const id = await this.threads.insert(tx, {
        groupId,
        kind: dto.kind,
        title: dto.title,
        authorId: user.id,
        gcmObjectives: dto.objectives ?? [],
        proposal,
        proposalHtml: proposal === null ? null : renderMessage(proposal),
      });
      await this.attachments.claim(tx, user, groupId, dto.attachmentIds ?? [], { place: 'proposal', threadId: id });
      const created = await this.load(tx, id);
      await this.feed.append(tx, groupId, 'thread.created', created, user.id);
      const opening = dto.body?.trim() ? await this.messages.insert(tx, user, created, { body: dto.body }) : null;
      return opening ? await this.load(tx, id) : created;
    });
  }

  /**
   * Title, objectives and (for an open recommendation) the proposal: its author or a facilitator.
   * Pinning: facilitators. Status: discussions only, by its author or a facilitator. A change of the pin alone is
   * `thread.pinned`; any other change is `thread.updated` (whose thread carries the pin too).
   */
  async update(user: AuthUser, threadId: string, dto: UpdateThreadDto): Promise<ThreadDto> {
    const groupId = await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    const current = await this.load(this.db.manager, threadId);
    const ownsIt = current.author?.id === user.id;
    const moderating = dto.pinned !== undefined || !ownsIt;
    await this.access.require(user, moderating ? Permission.ThreadModerate : Permission.ThreadCreate, [groupId]);
    if (dto.status !== undefined && current.kind !== 'discussion') {
      throw new ValidationFailed([fieldError('status', 'closes-by-outcome')]);
    }
    if (dto.proposal !== undefined && (current.kind !== 'recommendation' || current.status !== 'open')) {
      throw new ValidationFailed([fieldError('proposal', 'proposal-closed')]);
    }
    const attachmentIds = dto.attachmentIds ?? [];
    if (attachmentIds.length > 0 && (current.kind !== 'recommendation' || current.status !== 'open')) {
      throw new ValidationFailed([fieldError('attachmentIds', 'proposal-closed')]);
    }
    const changes: ThreadChanges = {
      title: dto.title,
      pinned: dto.pinned,
      status: dto.status,
      gcmObjectives: dto.objectives,
      proposal: dto.proposal,
      proposalHtml: dto.proposal === undefined ? undefined : renderMessage(dto.proposal),
    };
    const changed = Object.keys(changes).filter((field) => changes[field as keyof ThreadChanges] !== undefined);
    if (attachmentIds.length > 0) changed.push('attachments');
    if (changed.length === 0) return current;
    return this.db.transaction(async (tx) => {
      if (changed.some((field) => field !== 'attachments')) await this.threads.update(tx, threadId, changes);
      await this.attachments.claim(tx, user, groupId, attachmentIds, { place: 'proposal', threadId });
      const thread = await this.load(tx, threadId);
      const pinOnly = changed.length === 1 && changed[0] === 'pinned';
      await this.feed.append(tx, groupId, pinOnly ? 'thread.pinned' : 'thread.updated', thread, user.id);
      return thread;
    });
  }

  /** Read up to a message (or up to now). Never moves backwards. */
  async markRead(user: AuthUser, threadId: string, dto: MarkThreadReadDto): Promise<{ unreadCount: number }> {
    const groupId = await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    // Seqs, not timestamps: they order messages exactly, where a clock has ties and rounding.
    let upTo: string | null = null;
    if (dto.messageId !== undefined) {
      upTo = await this.messageRows.seqInThread(threadId, dto.messageId);
      if (upTo === null) throw new ValidationFailed([fieldError('messageId', 'not-in-thread')]);
    }
    // null: up to the group's newest seq, read in the same statement.
    await this.threads.markRead(threadId, user.id, groupId, upTo);
    return { unreadCount: await this.threads.unreadCount(threadId, user.id) };
  }

  async load(tx: EntityManager, threadId: string): Promise<ThreadDto> {
    const row = await this.threads.find(tx, threadId);
    if (!row) throw new NotFoundException(refusal('thread-not-found'));
    return toThreadDto(row);
  }
}
