import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { ChangeFeedService } from '../events/change-feed.service';
import { CreateThreadDto } from './dto/create-thread.dto';
import {
  MyThreadDto,
  THREAD_COLUMNS,
  THREAD_JOINS,
  ThreadDto,
  ThreadRow,
  toMyThreadDto,
  toThreadDto,
} from './dto/thread.dto';
import { MarkThreadReadDto, UpdateThreadDto } from './dto/update-thread.dto';
import { renderMessage } from './markdown';
import { MessagesService } from './messages.service';

@Injectable()
export class ThreadsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly messages: MessagesService,
  ) {}

  /** Pinned first, then by last activity; each with the caller's unread count. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<MyThreadDto>> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[number, string, string]>(query.cursor, ['int4', 'timestamp', 'uuid']);
    const rows: ThreadRow[] = await this.db.query(
      `SELECT ${THREAD_COLUMNS}, (
          SELECT count(*) FROM messages m
           WHERE m.thread_id = t.id AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM $2
             AND m.seq > coalesce(r.last_read_seq, 0)
        ) AS unread_count
         FROM threads t ${THREAD_JOINS}
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $2
        WHERE t.group_id = $1
          AND ($3::int IS NULL OR (t.pinned::int, t.last_activity_at, t.id) < ($3::int, $4::timestamptz, $5::uuid))
        ORDER BY t.pinned::int DESC, t.last_activity_at DESC, t.id DESC
        LIMIT $6`,
      [groupId, user.id, cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, limit + 1],
    );
    return toPage(rows, limit, toMyThreadDto, (row) => [
      row.pinned ? 1 : 0,
      new Date(row.last_activity_at).toISOString(),
      row.id,
    ]);
  }

  async get(user: AuthUser, threadId: string): Promise<ThreadDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    return this.load(this.db.manager, threadId);
  }

  async create(user: AuthUser, groupId: string, dto: CreateThreadDto): Promise<ThreadDto> {
    await this.access.require(user, Permission.ThreadCreate, [groupId]);
    return this.db.transaction(async (tx) => {
      const proposal = dto.kind === 'recommendation' ? (dto.proposal ?? '') : null;
      const [{ id }]: { id: string }[] = await tx.query(
        `INSERT INTO threads (group_id, kind, title, author_id, gcm_objectives, proposal, proposal_html)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          groupId,
          dto.kind,
          dto.title,
          user.id,
          dto.objectives ?? [],
          proposal,
          proposal === null ? null : renderMessage(proposal),
        ],
      );
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
      throw new ValidationFailed([{ field: 'status', message: 'a recommendation closes through its outcome' }]);
    }
    if (dto.proposal !== undefined && (current.kind !== 'recommendation' || current.status !== 'open')) {
      throw new ValidationFailed([
        { field: 'proposal', message: 'only an open recommendation has a proposal to change' },
      ]);
    }
    return this.db.transaction(async (tx) => {
      const sets: string[] = [];
      const values: unknown[] = [threadId];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (dto.title !== undefined) set('title', dto.title);
      if (dto.pinned !== undefined) set('pinned', dto.pinned);
      if (dto.status !== undefined) set('status', dto.status);
      if (dto.objectives !== undefined) set('gcm_objectives', dto.objectives);
      if (dto.proposal !== undefined) {
        set('proposal', dto.proposal);
        set('proposal_html', renderMessage(dto.proposal));
      }
      if (sets.length === 0) return current;
      await tx.query(`UPDATE threads SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
      const thread = await this.load(tx, threadId);
      const pinOnly = dto.pinned !== undefined && sets.length === 1;
      await this.feed.append(tx, groupId, pinOnly ? 'thread.pinned' : 'thread.updated', thread, user.id);
      return thread;
    });
  }

  /** Read up to a message (or up to now). Never moves backwards. */
  async markRead(user: AuthUser, threadId: string, dto: MarkThreadReadDto): Promise<{ unreadCount: number }> {
    const groupId = await this.access.requireOn(user, Permission.GroupRead, { kind: 'thread', id: threadId });
    // Seqs, not timestamps: they order messages exactly, where a clock has ties and rounding.
    let upTo: string;
    if (dto.messageId !== undefined) {
      const [row]: { seq: string }[] = await this.db.query(
        'SELECT seq FROM messages WHERE id = $1 AND thread_id = $2',
        [dto.messageId, threadId],
      );
      if (!row) throw new ValidationFailed([{ field: 'messageId', message: 'is not a message of this thread' }]);
      upTo = row.seq;
    } else {
      [{ last_seq: upTo }] = await this.db.query('SELECT last_seq FROM working_groups WHERE id = $1', [groupId]);
    }
    await this.db.query(
      `INSERT INTO thread_reads (thread_id, user_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET last_read_seq = GREATEST(thread_reads.last_read_seq, EXCLUDED.last_read_seq)`,
      [threadId, user.id, upTo],
    );
    const [{ count }]: { count: number }[] = await this.db.query(
      `SELECT count(*)::int AS count FROM messages m JOIN thread_reads r ON r.thread_id = m.thread_id AND r.user_id = $2
        WHERE m.thread_id = $1 AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM $2 AND m.seq > r.last_read_seq`,
      [threadId, user.id],
    );
    return { unreadCount: Number(count) };
  }

  async load(tx: EntityManager, threadId: string): Promise<ThreadDto> {
    const [row]: ThreadRow[] = await tx.query(
      `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE t.id = $1`,
      [threadId],
    );
    if (!row) throw new NotFoundException('Thread not found');
    return toThreadDto(row);
  }
}
