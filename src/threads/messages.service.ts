import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipRepository } from '../access/membership.repository';
import { AccessService } from '../access/access.service';
import { AttachmentPlaces } from '../attachments/attachment-places';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { ValidationFailed } from '../common/validation.pipe';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/postgres-errors';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { FeedEvent } from '../events/events';
import { IdempotencyService } from '../events/idempotency.service';
import { CreateMessageDto } from './dto/create-message.dto';
import {
  MessageDraft,
  MessageDto,
  MessagePageDto,
  MessageRecord,
  MessageVersionDto,
  PostedMessage,
  toMessageDraft,
  toMessageDto,
} from './dto/message.dto';
import { fieldError, refusal } from '../common/errors/refusal';
export type { PostedMessage };
import { ListMessagesQueryDto } from './dto/list-messages.query.dto';
import { ThreadDto } from './dto/thread.dto';
import { mentionedIds, renderMessage } from './markdown';
import { MessageBatcher } from './message-batcher';
import { MESSAGE_PAGES, MessageRepository } from './message.repository';
import { Metrics } from '../metrics/metrics';
import { ReactionRepository } from './reaction.repository';

/** A send waiting in the batcher: checked, rendered, and its retry key. */
interface QueuedMessage {
  draft: MessageDraft;
  clientId: string | null;
}

/** The most sends one statement writes; more wait for the next. */
const MAX_BATCH = 100;

@Injectable()
export class MessagesService {
  /** Group commit for sends without files, one queue per working group. */
  private readonly batcher: MessageBatcher<QueuedMessage, FeedEvent<'message.created'> | null>;

  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
    private readonly idempotency: IdempotencyService,
    private readonly messages: MessageRepository,
    private readonly reactions: ReactionRepository,
    private readonly memberships: MembershipRepository,
    private readonly attachments: AttachmentPlaces,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    metrics: Metrics,
  ) {
    this.batcher = new MessageBatcher(
      { many: (queued) => this.writeMany(queued), one: (item) => this.writeOne(item) },
      MAX_BATCH,
      (size) => metrics.messagesPerCommit.observe(size),
    );
  }

  /**
   * REST and socket sends alike. A retry with the same clientId returns the first answer and writes nothing.
   * Two round trips: the access check (which finds the thread's group) and the write as one statement, shared with
   * the sends to the same group that arrive while the last one commits (the batcher: one statement, one commit for
   * all of them). With files, the write and their claim are one transaction of its own (a file that cannot be
   * attached leaves no message).
   */
  async post(user: AuthUser, threadId: string, dto: CreateMessageDto): Promise<PostedMessage> {
    const groupId = await this.access.requireOn(user, Permission.MessagePost, { kind: 'thread', id: threadId });
    let posted: FeedEvent<'message.created'> | null;
    try {
      const thread = { id: threadId, groupId };
      if (dto.attachmentIds?.length) {
        posted = await this.db.transaction((tx) => this.insert(tx, user, thread, dto));
      } else {
        // Checked and rendered before it joins a batch, so a bad message is refused alone.
        const draft = await this.draft(this.db.manager, user, thread, dto);
        posted = await this.batcher.submit(groupId, { draft, clientId: dto.clientId ?? null });
      }
    } catch (error) {
      // A concurrent send with the same client id committed first: answer as it was answered.
      if (!(dto.clientId && isUniqueViolation(error))) throw error;
      posted = null;
    }
    if (!posted) return this.replay(user, dto.clientId);
    return { message: posted.data, seq: posted.seq };
  }

  /**
   * Writes one message, in the caller's transaction or as its own, and publishes its feed event after that commits.
   * Null when nothing was written: the client id was used before, or the thread is a closed recommendation.
   * With attachmentIds, `db` must be a transaction: the files are claimed after the message they reference.
   */
  async insert(
    db: EntityManager,
    user: AuthUser,
    thread: Pick<ThreadDto, 'id' | 'groupId'>,
    dto: CreateMessageDto,
  ): Promise<FeedEvent<'message.created'> | null> {
    const draft = await this.draft(db, user, thread, dto);
    const inserted = await this.messages.insert(db, draft, dto.clientId ?? null);
    if (!inserted) return null;
    const message = dto.attachmentIds?.length
      ? await this.attach(db, user, inserted, dto.attachmentIds, dto.clientId ?? null)
      : inserted;
    const event = createdEvent(message);
    this.feed.appended(db, event);
    return event;
  }

  /**
   * A message written by no one (the system: a review's summary), in the caller's transaction; its feed event is
   * published after that commits. No mentions, no parent, no files.
   */
  async insertSystem(tx: EntityManager, thread: Pick<ThreadDto, 'id' | 'groupId'>, body: string): Promise<void> {
    const draft = toMessageDraft({
      id: randomUUID(),
      threadId: thread.id,
      groupId: thread.groupId,
      parentId: null,
      authorId: null,
      authorName: null,
      body,
      bodyHtml: renderMessage(body),
      mentions: [],
      editedAt: null,
      deletedAt: null,
    });
    const inserted = await this.messages.insert(tx, draft, null);
    if (inserted) this.feed.appended(tx, createdEvent(inserted));
  }

  /** The message to write, checked (its parent, its mentions) and rendered: all but its seq and time. */
  private async draft(
    db: EntityManager,
    user: AuthUser,
    thread: Pick<ThreadDto, 'id' | 'groupId'>,
    dto: CreateMessageDto,
  ): Promise<MessageDraft> {
    if (dto.parentId) await this.checkParent(db, thread.id, dto.parentId);
    const members = await this.mentionable(db, thread.groupId, dto.body);
    return toMessageDraft({
      id: randomUUID(),
      threadId: thread.id,
      groupId: thread.groupId,
      parentId: dto.parentId ?? null,
      authorId: user.id,
      authorName: user.displayName,
      body: dto.body,
      bodyHtml: renderMessage(dto.body, members),
      mentions: [...members.keys()],
      editedAt: null,
      deletedAt: null,
    });
  }

  /** A batch alone (see MessageBatcher): its own statement and commit, then its event is published. */
  private async writeOne({ draft, clientId }: QueuedMessage): Promise<FeedEvent<'message.created'> | null> {
    const message = await this.messages.insert(this.db.manager, draft, clientId);
    if (!message) return null;
    const event = createdEvent(message);
    this.feed.appended(this.db.manager, event);
    return event;
  }

  /**
   * A batch of one group's sends in one statement and commit; then every event is published, in seq order. A
   * client id sent twice in one batch is written once, and both sends get its answer.
   */
  private async writeMany(queued: QueuedMessage[]): Promise<(FeedEvent<'message.created'> | null)[]> {
    const distinct: QueuedMessage[] = [];
    const firstWith = new Map<string, number>();
    const source = queued.map((item) => {
      const key = item.clientId === null ? null : `${item.draft.author!.id} ${item.clientId}`;
      const first = key === null ? undefined : firstWith.get(key);
      if (first !== undefined) return first;
      if (key !== null) firstWith.set(key, distinct.length);
      return distinct.push(item) - 1;
    });
    const written = await this.messages.insertMany(queued[0].draft.groupId, distinct);
    const byId = new Map(written.map((message) => [message.id, createdEvent(message)]));
    // `written` is in seq order: so are the pushes.
    for (const event of byId.values()) this.feed.appended(this.db.manager, event);
    const events = distinct.map((item) => byId.get(item.draft.id) ?? null);
    return source.map((index) => events[index]);
  }

  /** Claims the new message's files and writes them into the copies its insert stored (event, acknowledgement). */
  private async attach(
    tx: EntityManager,
    user: AuthUser,
    message: MessageDto,
    ids: string[],
    clientId: string | null,
  ): Promise<MessageDto> {
    const attachments = await this.attachments.claim(tx, user, message.groupId, ids, {
      place: 'message',
      messageId: message.id,
      threadId: message.threadId,
    });
    const attached = { ...message, attachments };
    await this.messages.storeAttachments(tx, { ...attached, authorId: user.id, clientId });
    return attached;
  }

  /** The first answer to a send retried with its client id; without one, the only reason for no write. */
  private async replay(user: AuthUser, clientId: string | undefined): Promise<PostedMessage> {
    const stored = clientId ? await this.idempotency.stored<PostedMessage>(user.id, clientId) : null;
    if (stored) return stored;
    throw new ConflictException(refusal('recommendation-read-only'));
  }

  /** Oldest first, keyed on seq: a page never skips or repeats a message, however many arrive meanwhile. */
  async list(user: AuthUser, threadId: string, query: ListMessagesQueryDto): Promise<MessagePageDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    const given = [query.before, query.after, query.around].filter((v) => v !== undefined);
    if (given.length > 1) throw new ValidationFailed([fieldError('before', 'one-anchor-only')]);
    const limit = query.limit ?? 50;
    const pivotId = query.before ?? query.after ?? query.around;
    const pivot = pivotId ? await this.seqOf(threadId, pivotId) : null;

    const older = async (below: number | null, count: number) => this.page('older', [threadId, below], count);
    const newer = async (above: number, count: number) => this.page('newer', [threadId, above], count);

    if (query.after !== undefined) {
      const { rows, more } = await newer(pivot!, limit);
      return { items: await this.withReactions(rows), hasOlder: true, hasNewer: more };
    }
    if (query.around !== undefined) {
      const before = await older(pivot!, Math.floor(limit / 2));
      const after = await newer(pivot! - 1, limit - before.rows.length);
      return {
        items: await this.withReactions([...before.rows.reverse(), ...after.rows]),
        hasOlder: before.more,
        hasNewer: after.more,
      };
    }
    const { rows, more } = await older(pivot, limit);
    return { items: await this.withReactions(rows.reverse()), hasOlder: more, hasNewer: query.before !== undefined };
  }

  /** The author edits their own message; every earlier text is kept. */
  async edit(user: AuthUser, messageId: string, body: string): Promise<MessageDto> {
    // One query: 404 for a message the user cannot see, 403 for a reader who may not post.
    const groupId = await this.access.requireOn(user, Permission.MessagePost, { kind: 'message', id: messageId });
    const current = await this.load(this.db.manager, messageId);
    // Facilitators may delete others' messages, but words are only ever changed by their author.
    if (current.author?.id !== user.id) throw new ForbiddenException(refusal('message-author-only'));
    if (current.deleted) throw new ConflictException(refusal('message-deleted-no-edit'));
    if (current.body === body) return current;
    const { message, event } = await this.db.transaction(async (tx) => {
      const members = await this.mentionable(tx, groupId, body);
      await this.messages.rewrite(tx, messageId, {
        body,
        bodyHtml: renderMessage(body, members),
        mentions: [...members.keys()],
      });
      const message = await this.load(tx, messageId);
      return { message, event: await this.feed.append(tx, groupId, 'message.updated', message, user.id) };
    });
    const before = new Set(current.mentions);
    this.events.emit('MessageEdited', {
      event,
      newlyMentioned: message.mentions.filter((m) => !before.has(m) && m !== user.id),
    });
    return message;
  }

  /** Authors delete their own; facilitators any in their group. A tombstone keeps the replies' place. */
  async remove(user: AuthUser, messageId: string): Promise<MessageDto> {
    const groupId = await this.access.requireOn(user, Permission.GroupRead, { kind: 'message', id: messageId });
    const current = await this.load(this.db.manager, messageId);
    await this.access.require(
      user,
      current.author?.id === user.id ? Permission.MessagePost : Permission.MessageModerate,
      [groupId],
    );
    if (current.deleted) return current;
    const { message, removedFiles } = await this.db.transaction(async (tx) => {
      // Deleting means the text is no longer kept: not its earlier versions, not its copies (see tombstone).
      await this.messages.tombstone(tx, {
        id: messageId,
        threadId: current.threadId,
        groupId,
        seq: current.seq,
        authorId: current.author?.id ?? null,
      });
      await this.reactions.clear(tx, messageId);
      // Its files go with it: the rows now, the bytes once this commits.
      const removedFiles = await this.attachments.removeFor(tx, { messageId }, user);
      const message = await this.load(tx, messageId);
      await this.feed.append(tx, groupId, 'message.deleted', message, user.id);
      return { message, removedFiles };
    });
    if (removedFiles.length > 0) await this.attachments.afterRemoval(removedFiles);
    return message;
  }

  /** Earlier texts, oldest first; the current text is the message itself. */
  async history(user: AuthUser, messageId: string): Promise<MessageVersionDto[]> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'message', id: messageId });
    const rows = await this.messages.versions(messageId);
    return rows.map((row) => ({
      body: row.body,
      bodyHtml: row.bodyHtml,
      replacedAt: new Date(row.createdAt).toISOString(),
    }));
  }

  async load(tx: EntityManager, messageId: string): Promise<MessageDto> {
    const row = await this.messages.find(tx, messageId);
    if (!row) throw new NotFoundException(refusal('message-not-found'));
    // One after the other: `tx` may be a transaction, one client that runs one query at a time.
    const reactions = await this.reactions.of(tx, [messageId]);
    const attachments = await this.attachments.forTargets(tx, { messageIds: [messageId] });
    return toMessageDto(row, reactions.get(messageId) ?? [], attachments.get(messageId) ?? []);
  }

  /** Members of the group among those mentioned, by id → name; at most the configured number of mentions. */
  private async mentionable(tx: EntityManager, groupId: string, body: string): Promise<Map<string, string>> {
    const ids = mentionedIds(body);
    if (ids.length > this.config.maxMentions) {
      throw new ValidationFailed([fieldError('body', 'too-many-mentions', { max: this.config.maxMentions })]);
    }
    if (ids.length === 0) return new Map();
    return this.memberships.membersAmong(groupId, ids, tx);
  }

  private async checkParent(tx: EntityManager, threadId: string, parentId: string): Promise<void> {
    const parent = await this.messages.threadAndParent(tx, parentId);
    if (!parent || parent.threadId !== threadId) {
      throw new ValidationFailed([fieldError('parentId', 'not-in-thread')]);
    }
    if (parent.parentId) throw new ValidationFailed([fieldError('parentId', 'reply-too-deep')]);
  }

  private async seqOf(threadId: string, messageId: string): Promise<number> {
    const seq = await this.messages.seqInThread(threadId, messageId);
    if (seq === null) throw new ValidationFailed([fieldError('before', 'not-in-thread')]);
    return Number(seq);
  }

  /** Up to `limit` messages of a thread beside a seq (one more, to know whether there are more). */
  private async page(direction: keyof typeof MESSAGE_PAGES, [threadId, seq]: [string, number | null], limit: number) {
    const rows = await this.messages.page(direction, threadId, seq, limit + 1);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** A page's reactions and files, one query each (deleted messages have neither). */
  private async withReactions(rows: MessageRecord[]): Promise<MessageDto[]> {
    const ids = rows.map((r) => r.id);
    const withFiles = rows.filter((r) => r.deletedAt === null).map((r) => r.id);
    const [reactions, attachments] = await Promise.all([
      this.reactions.of(this.db.manager, ids),
      this.attachments.forTargets(this.db.manager, { messageIds: withFiles }),
    ]);
    return rows.map((row) => toMessageDto(row, reactions.get(row.id) ?? [], attachments.get(row.id) ?? []));
  }
}

function createdEvent(message: MessageDto): FeedEvent<'message.created'> {
  return {
    groupId: message.groupId,
    seq: message.seq,
    type: 'message.created',
    data: message,
    actorId: message.author?.id ?? null,
    at: message.createdAt,
  };
}
