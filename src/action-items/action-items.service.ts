import { HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/permission';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { ValidationFailed } from '../common/validation.pipe';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { preparedQuery } from '../database/prepared-query';
import { ChangeFeedService } from '../events/change-feed.service';
import { DomainEventBus } from '../events/domain-event-bus';
import { ACTION_SELECT, ActionChangeDto, ActionItemDto, ActionItemRow, toActionItemDto } from './dto/action-item.dto';
import { CreateActionItemDto } from './dto/create-action-item.dto';
import { ListActionItemsQueryDto } from './dto/list-action-items.query.dto';
import { UpdateActionItemDto } from './dto/update-action-item.dto';
import { canTransition, NEEDS_REASON } from './status-transitions';

/** Fields a facilitator manages; status and its reason are also open to those responsible for the item. */
const MANAGED_FIELDS = [
  'title',
  'description',
  'leadOrganizationId',
  'supportingOrganizationIds',
  'focalPersonId',
  'dueDate',
  'priority',
  'objectives',
] as const;

/** 409 with the item as it is now, so the client can show what changed and retry. */
export class StaleVersion extends HttpException {
  constructor(current: ActionItemDto) {
    super(
      {
        statusCode: 409,
        error: 'Conflict',
        message: `The item changed meanwhile: it is at version ${current.version}`,
        current,
      },
      HttpStatus.CONFLICT,
    );
  }
}

@Injectable()
export class ActionItemsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly feed: ChangeFeedService,
    private readonly events: DomainEventBus,
  ) {}

  async list(user: AuthUser, groupId: string, query: ListActionItemsQueryDto): Promise<Page<ActionItemDto>> {
    await this.access.require(user, Permission.GroupRead, [groupId]);
    return this.page(['a.group_id = $1'], [groupId], query);
  }

  /** Where I am the focal person or my organization leads, across my groups. */
  async mine(user: AuthUser, query: PageQueryDto): Promise<Page<ActionItemDto>> {
    return this.page(
      [
        'a.group_id IN (SELECT group_id FROM memberships WHERE user_id = $1)',
        '(a.focal_person_id = $1 OR (a.lead_organization_id IS NOT NULL AND a.lead_organization_id = $2::uuid))',
      ],
      [user.id, user.organizationId],
      { ...query, sort: 'due' },
    );
  }

  /** A missing item and one in a group hidden from the user are the same 404 (the access query finds the group). */
  async get(user: AuthUser, actionId: string): Promise<ActionItemDto> {
    await this.access.requireOn(user, Permission.GroupRead, { kind: 'action-item', id: actionId });
    return this.load(this.db.manager, actionId);
  }

  async create(user: AuthUser, groupId: string, dto: CreateActionItemDto): Promise<ActionItemDto> {
    await this.access.require(user, Permission.ActionManage, [groupId]);
    return this.db.transaction(async (tx) => {
      const source =
        dto.sourceType && dto.sourceId ? await this.source(tx, groupId, dto.sourceType, dto.sourceId) : null;
      if (dto.focalPersonId) await this.requireMember(tx, groupId, dto.focalPersonId);
      const [{ id }]: { id: string }[] = await this.write('leadOrganizationId', () =>
        tx.query(
          `INSERT INTO action_items (group_id, title, description, source_type, source_id, source_thread_id, lead_organization_id,
                                     focal_person_id, due_date, priority, gcm_objectives, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [
            groupId,
            dto.title,
            dto.description ?? '',
            dto.sourceType ?? null,
            dto.sourceId ?? null,
            source?.threadId ?? null,
            dto.leadOrganizationId ?? null,
            dto.focalPersonId ?? null,
            dto.dueDate ?? null,
            dto.priority ?? 'medium',
            dto.objectives ?? source?.objectives ?? [],
            user.id,
          ],
        ),
      );
      await this.setSupporting(tx, id, dto.supportingOrganizationIds ?? []);
      const item = await this.load(tx, id);
      await this.feed.append(tx, groupId, 'action.created', item, user.id);
      return item;
    });
  }

  /**
   * Optimistic concurrency: the update names the version it read, and is applied with
   * `UPDATE … WHERE id = $1 AND version = $2`; no row means someone else got there first, and the caller gets 409
   * with the current item. No update is ever lost.
   */
  async update(user: AuthUser, actionId: string, dto: UpdateActionItemDto, ifMatch?: string): Promise<ActionItemDto> {
    const version = dto.version ?? parseIfMatch(ifMatch);
    if (version === undefined)
      throw new ValidationFailed([{ field: 'version', message: 'name the version you read (body or If-Match)' }]);
    const current = await this.get(user, actionId);
    const changes = this.changes(current, dto);
    const managing =
      changes.some((c) => (MANAGED_FIELDS as readonly string[]).includes(c.field)) || dto.status === 'cancelled';
    if (managing) await this.access.require(user, Permission.ActionManage, [current.groupId]);
    else await this.requireResponsible(user, current);
    if (current.version !== version) throw new StaleVersion(current);
    if (dto.status !== undefined && dto.status !== current.status) {
      if (!canTransition(current.status, dto.status)) {
        throw new ValidationFailed([{ field: 'status', message: `cannot go from ${current.status} to ${dto.status}` }]);
      }
      if (NEEDS_REASON.includes(dto.status) && !dto.statusReason) {
        throw new ValidationFailed([{ field: 'statusReason', message: `say why the item is ${dto.status}` }]);
      }
    }
    if (changes.length === 0) return current;

    const result = await this.db.transaction(async (tx) => {
      if (dto.focalPersonId) await this.requireMember(tx, current.groupId, dto.focalPersonId);
      const sets: string[] = [];
      const values: unknown[] = [actionId, version];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      for (const change of changes) {
        if (change.field === 'supportingOrganizationIds') continue;
        set(COLUMNS[change.field], change.column);
      }
      const [, updated] = (await this.write('leadOrganizationId', () =>
        tx.query(
          `UPDATE action_items SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
                   WHERE id = $1 AND version = $2`,
          values,
        ),
      )) as [unknown, number];
      if (updated === 0) return { stale: true as const };
      if (dto.supportingOrganizationIds !== undefined)
        await this.setSupporting(tx, actionId, dto.supportingOrganizationIds);
      for (const change of changes) {
        await tx.query(
          'INSERT INTO action_item_changes (action_item_id, field, before, after, actor_id) VALUES ($1, $2, $3, $4, $5)',
          [actionId, change.field, JSON.stringify(change.before), JSON.stringify(change.after), user.id],
        );
      }
      const item = await this.load(tx, actionId);
      return {
        stale: false as const,
        item,
        event: await this.feed.append(tx, current.groupId, 'action.updated', item, user.id),
      };
    });
    if (result.stale) throw new StaleVersion(await this.load(this.db.manager, actionId));
    this.events.emit('ActionUpdated', { event: result.event, changed: changes.map((c) => c.field), previous: current });
    return result.item;
  }

  async history(user: AuthUser, actionId: string): Promise<ActionChangeDto[]> {
    await this.get(user, actionId);
    const rows: {
      field: string;
      before: unknown;
      after: unknown;
      actor_id: string | null;
      actor_name: string | null;
      created_at: Date;
    }[] = await this.db.query(
      `SELECT c.field, c.before, c.after, c.actor_id, u.display_name AS actor_name, c.created_at
           FROM action_item_changes c LEFT JOIN users u ON u.id = c.actor_id
          WHERE c.action_item_id = $1 ORDER BY c.id`,
      [actionId],
    );
    return rows.map((row) => ({
      field: row.field,
      before: row.before,
      after: row.after,
      actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
      at: new Date(row.created_at).toISOString(),
    }));
  }

  /** The focal person, or a member of the lead organization, who may write in the group; or a facilitator. */
  async requireResponsible(user: AuthUser, item: ActionItemDto): Promise<void> {
    const manager = (await this.access.filter(user, Permission.ActionManage, [item.groupId])).has(item.groupId);
    if (manager) return;
    await this.access.require(user, Permission.ActionWork, [item.groupId]);
    const responsible =
      item.focalPerson?.id === user.id ||
      (user.organizationId !== null && item.leadOrganization?.id === user.organizationId);
    if (!responsible)
      throw new HttpException(
        'Only the focal person, the lead organization or a facilitator may do this',
        HttpStatus.FORBIDDEN,
      );
  }

  async load(tx: EntityManager, actionId: string): Promise<ActionItemDto> {
    const [row] = await preparedQuery<ActionItemRow>(tx, 'tansiq.action-item', `${ACTION_SELECT} WHERE a.id = $1`, [
      actionId,
    ]);
    if (!row) throw new NotFoundException('Action item not found');
    return toActionItemDto(row);
  }

  private async page(where: string[], params: unknown[], query: ListActionItemsQueryDto): Promise<Page<ActionItemDto>> {
    const limit = query.limit ?? 50;
    const values = [...params];
    const clauses = [...where];
    const add = (sql: (n: number) => string, value: unknown) => {
      values.push(value);
      clauses.push(sql(values.length));
    };
    if (query.status) add((n) => `a.status = $${n}`, query.status);
    if (query.leadOrganizationId) add((n) => `a.lead_organization_id = $${n}`, query.leadOrganizationId);
    if (query.focalPersonId) add((n) => `a.focal_person_id = $${n}`, query.focalPersonId);
    if (query.dueBefore) add((n) => `a.due_date < $${n}::date`, query.dueBefore);
    if (query.sourceId) add((n) => `(a.source_id = $${n} OR a.source_thread_id = $${n})`, query.sourceId);
    if (query.objective) add((n) => `$${n}::smallint = ANY(a.gcm_objectives)`, query.objective);
    if (query.overdue !== undefined) {
      clauses.push(
        `(a.due_date < current_date AND a.status NOT IN ('done', 'cancelled')) = ${query.overdue ? 'true' : 'false'}`,
      );
    }
    const byDue = (query.sort ?? 'due') === 'due';
    // Undated items sort after every dated one: coalesce to a far date for the key.
    const key = byDue ? `(coalesce(a.due_date, '9999-12-31'::date), a.id)` : `(a.created_at, a.id)`;
    const cursor = decodeCursor<[string, string]>(query.cursor, [byDue ? 'date' : 'timestamp', 'uuid']);
    if (cursor) {
      values.push(cursor[0], cursor[1]);
      const [k, id] = [values.length - 1, values.length];
      clauses.push(byDue ? `${key} > ($${k}::date, $${id}::uuid)` : `${key} < ($${k}::timestamptz, $${id}::uuid)`);
    }
    const order = byDue ? `coalesce(a.due_date, '9999-12-31'::date) ASC, a.id ASC` : `a.created_at DESC, a.id DESC`;
    const rows: ActionItemRow[] = await this.db.query(
      `${ACTION_SELECT} WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`,
      values,
    );
    return toPage(rows, limit, toActionItemDto, (row) =>
      byDue ? [row.due_date ?? '9999-12-31', row.id] : [new Date(row.created_at).toISOString(), row.id],
    );
  }

  /** Only fields whose value really changes, with before and after as the API shows them. */
  private changes(current: ActionItemDto, dto: UpdateActionItemDto) {
    const list: {
      field: keyof typeof COLUMNS | 'supportingOrganizationIds';
      before: unknown;
      after: unknown;
      column: unknown;
    }[] = [];
    const push = (
      field: keyof typeof COLUMNS | 'supportingOrganizationIds',
      before: unknown,
      after: unknown,
      column: unknown = after,
    ) => {
      if (JSON.stringify(before) !== JSON.stringify(after)) list.push({ field, before, after, column });
    };
    if (dto.title !== undefined) push('title', current.title, dto.title);
    if (dto.description !== undefined) push('description', current.description, dto.description);
    if (dto.leadOrganizationId !== undefined)
      push('leadOrganizationId', current.leadOrganization?.id ?? null, dto.leadOrganizationId);
    if (dto.supportingOrganizationIds !== undefined) {
      push(
        'supportingOrganizationIds',
        current.supportingOrganizations.map((o) => o.id).sort(),
        [...dto.supportingOrganizationIds].sort(),
      );
    }
    if (dto.focalPersonId !== undefined) push('focalPersonId', current.focalPerson?.id ?? null, dto.focalPersonId);
    if (dto.dueDate !== undefined) push('dueDate', current.dueDate, dto.dueDate);
    if (dto.priority !== undefined) push('priority', current.priority, dto.priority);
    if (dto.objectives !== undefined)
      push(
        'objectives',
        current.objectives,
        [...dto.objectives].sort((a, b) => a - b),
      );
    if (dto.status !== undefined) push('status', current.status, dto.status);
    if (dto.statusReason !== undefined || (dto.status !== undefined && dto.status !== current.status)) {
      const reason =
        dto.status !== undefined && !NEEDS_REASON.includes(dto.status)
          ? (dto.statusReason ?? null)
          : (dto.statusReason ?? current.statusReason);
      push('statusReason', current.statusReason, reason);
    }
    return list;
  }

  private async source(tx: EntityManager, groupId: string, type: 'recommendation' | 'message', id: string) {
    const rows: { thread_id: string; kind: string; group_id: string; objectives: number[] }[] =
      type === 'recommendation'
        ? await tx.query(
            'SELECT id AS thread_id, kind, group_id, gcm_objectives AS objectives FROM threads WHERE id = $1',
            [id],
          )
        : await tx.query(
            `SELECT m.thread_id, t.kind, m.group_id, t.gcm_objectives AS objectives
               FROM messages m JOIN threads t ON t.id = m.thread_id WHERE m.id = $1 AND m.deleted_at IS NULL`,
            [id],
          );
    const row = rows[0];
    if (!row || row.group_id !== groupId || (type === 'recommendation' && row.kind !== 'recommendation')) {
      throw new ValidationFailed([{ field: 'sourceId', message: `is not a ${type} of this group` }]);
    }
    return { threadId: row.thread_id, objectives: row.objectives.map(Number) };
  }

  private async requireMember(tx: EntityManager, groupId: string, userId: string): Promise<void> {
    if (!(await this.access.role(userId, groupId, tx))) {
      throw new ValidationFailed([{ field: 'focalPersonId', message: 'must be a member of the group' }]);
    }
  }

  private async setSupporting(tx: EntityManager, actionId: string, organizationIds: string[]): Promise<void> {
    await tx.query('DELETE FROM action_item_organizations WHERE action_item_id = $1', [actionId]);
    if (organizationIds.length === 0) return;
    await this.write('supportingOrganizationIds', () =>
      tx.query(
        `INSERT INTO action_item_organizations (action_item_id, organization_id) SELECT $1, unnest($2::uuid[])`,
        [actionId, organizationIds],
      ),
    );
  }

  /** An unknown organization id is the caller's mistake, not a server error. */
  private async write<T>(field: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw new ValidationFailed([{ field, message: 'names an organization that does not exist' }]);
      throw error;
    }
  }
}

const COLUMNS = {
  title: 'title',
  description: 'description',
  leadOrganizationId: 'lead_organization_id',
  focalPersonId: 'focal_person_id',
  dueDate: 'due_date',
  priority: 'priority',
  objectives: 'gcm_objectives',
  status: 'status',
  statusReason: 'status_reason',
} as const;

function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationFailed([{ field: 'If-Match', message: 'must be the item version, like "3"' }]);
  return Number(match[1]);
}
