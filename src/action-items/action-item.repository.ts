import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { SqlParameters } from '../common/sql-parameters';
import { preparedQuery } from '../database/prepared-query';
import { attachedFilesJson } from '../attachments/attachment-places.repository';
import type { GroupStanding } from './action-item-permissions';
import {
  ActionChangeView,
  ActionItemColumns,
  ActionItemDto,
  ActionItemView,
  toActionItemDto,
} from './dto/action-item.dto';
import { ListActionItemsQueryDto } from './dto/list-action-items.query.dto';
import type { Thread } from '../threads/entities/thread.entity';
import { ActionItem } from './entities/action-item.entity';
import type { ResponsibleUser } from './responsible';

/**
 * One query shape for every read of action items: organizations, people and the source's title joined in; its own
 * files, and how many files are evidence of it (its own and its progress notes'), through the attachments' index on
 * action_item_id.
 */
export const ACTION_SELECT = `SELECT ${attachedFilesJson(`f.action_item_id = a.id AND f.place = 'action'`)} AS attachments,
    (SELECT count(*) FROM attachments f WHERE f.action_item_id = a.id AND f.status = 'attached') AS "evidenceCount",
    a.id, a.group_id AS "groupId", a.title, a.description, a.source_type AS "sourceType",
    a.source_id AS "sourceId", a.source_thread_id AS "sourceThreadId", st.title AS "sourceTitle",
    a.lead_organization_id AS "leadOrganizationId", lo.name AS "leadOrganizationName",
    (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name), '[]'::json)
       FROM action_item_organizations ao JOIN organizations o ON o.id = ao.organization_id
      WHERE ao.action_item_id = a.id) AS supporting,
    a.focal_person_id AS "focalPersonId", fp.display_name AS "focalPersonName",
    to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.priority, a.gcm_objectives AS "gcmObjectives", a.status,
    a.status_reason AS "statusReason", a.version, a.progress, a.verified_progress AS "verifiedProgress", a.weight,
    a.milestones_done AS "milestonesDone", a.milestones_total AS "milestonesTotal",
    EXISTS (SELECT 1 FROM progress_claims pc WHERE pc.action_item_id = a.id AND pc.state = 'pending') AS "claimPending",
    (a.due_date < current_date AND a.status NOT IN ('done', 'cancelled')) AS overdue,
    a.created_by AS "createdById", cb.display_name AS "createdByName", a.created_at AS "createdAt",
    a.updated_at AS "updatedAt"
  FROM action_items a
  LEFT JOIN threads st ON st.id = a.source_thread_id
  LEFT JOIN organizations lo ON lo.id = a.lead_organization_id
  LEFT JOIN users fp ON fp.id = a.focal_person_id
  LEFT JOIN users cb ON cb.id = a.created_by`;

/**
 * isResponsible() (responsible.ts) in SQL, over SQL expressions for the person and the item: the focal person, or a
 * member of the lead organization. Lists and recipients both use it, so the rule is written once here.
 */
function responsibleSql(person: { id: string; organizationId: string }, item: { focal: string; lead: string }) {
  return `(${item.focal} = ${person.id} OR (${item.lead} IS NOT NULL AND ${item.lead} = ${person.organizationId}))`;
}

/**
 * Who answers for an item, among the members of its group: the recipients of its notifications. Takes the item as
 * the caller has it, so the item before a reassignment can be asked about too.
 */
export async function responsibleFor(
  db: DataSource | EntityManager,
  item: Pick<ActionItemDto, 'groupId' | 'focalPerson' | 'leadOrganization'>,
): Promise<string[]> {
  const rows: { user_id: string }[] = await db.query(
    `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.group_id = $1
        AND ${responsibleSql({ id: 'm.user_id', organizationId: 'u.organization_id' }, { focal: '$2::uuid', lead: '$3::uuid' })}`,
    [item.groupId, item.focalPerson?.id ?? null, item.leadOrganization?.id ?? null],
  );
  return rows.map((row) => row.user_id);
}

/** The columns an update may set, by the entity's names. */
export type ActionItemChanges = QueryDeepPartialEntity<
  Pick<
    ActionItem,
    | 'title'
    | 'description'
    | 'leadOrganizationId'
    | 'focalPersonId'
    | 'dueDate'
    | 'priority'
    | 'gcmObjectives'
    | 'status'
    | 'statusReason'
  >
>;

/** What a new item is made of (the columns the database does not default). */
export type NewActionItem = Omit<
  ActionItemColumns,
  | 'id'
  | 'status'
  | 'statusReason'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'progress'
  | 'verifiedProgress'
  | 'weight'
  | 'milestonesDone'
  | 'milestonesTotal'
>;

/** A source of an item as found: its thread (the recommendation, or the message's), with the thread's columns. */
export type ActionSource = Pick<Thread, 'kind' | 'groupId' | 'gcmObjectives'> & { threadId: Thread['id'] };

/** Every query of action items themselves: reads, writes, supporting organizations and the history of changes. */
@Injectable()
export class ActionItemRepository {
  constructor(private readonly db: DataSource) {}

  /** The hot read: one named statement for every item load. */
  async find(tx: EntityManager, id: string): Promise<ActionItemView | undefined> {
    const [row] = await preparedQuery<ActionItemView>(tx, 'tansiq.action-item', `${ACTION_SELECT} WHERE a.id = $1`, [
      id,
    ]);
    return row;
  }

  /** The item and, in the same query, what the access rules look at for this user: their role, the group archived. */
  async findWithStanding(
    tx: EntityManager,
    id: string,
    userId: string,
  ): Promise<(ActionItemView & GroupStanding) | undefined> {
    const [row] = await preparedQuery<ActionItemView & GroupStanding>(
      tx,
      'tansiq.action-item-standing',
      `SELECT i.*, g.archived_at IS NOT NULL AS archived, m.role
         FROM (${ACTION_SELECT} WHERE a.id = $1) i
         JOIN working_groups g ON g.id = i."groupId"
         LEFT JOIN memberships m ON m.group_id = i."groupId" AND m.user_id = $2`,
      [id, userId],
    );
    return row;
  }

  /**
   * A group's items (scope `groupId`), or, across a person's groups, those they have a part in (scope `involved`):
   * they answer for it, their organization supports it, or they created it.
   */
  async page(
    scope: { groupId: string } | { involved: ResponsibleUser },
    query: ListActionItemsQueryDto,
  ): Promise<Page<ActionItemDto>> {
    const limit = query.limit ?? 50;
    const params = new SqlParameters();
    const clauses: string[] = [];
    if ('groupId' in scope) clauses.push(`a.group_id = ${params.add(scope.groupId)}`);
    else {
      const id = params.add(scope.involved.id);
      const organizationId = `${params.add(scope.involved.organizationId)}::uuid`;
      const responsible = responsibleSql(
        { id, organizationId },
        { focal: 'a.focal_person_id', lead: 'a.lead_organization_id' },
      );
      const supporting = `EXISTS (SELECT 1 FROM action_item_organizations ao
          WHERE ao.action_item_id = a.id AND ao.organization_id = ${organizationId})`;
      clauses.push(
        `a.group_id IN (SELECT group_id FROM memberships WHERE user_id = ${id})`,
        `(${responsible} OR ${supporting} OR a.created_by = ${id})`,
      );
    }
    if (query.status) clauses.push(`a.status = ${params.add(query.status)}`);
    if (query.leadOrganizationId) clauses.push(`a.lead_organization_id = ${params.add(query.leadOrganizationId)}`);
    if (query.focalPersonId) clauses.push(`a.focal_person_id = ${params.add(query.focalPersonId)}`);
    if (query.dueBefore) clauses.push(`a.due_date < ${params.add(query.dueBefore)}::date`);
    if (query.sourceId) {
      const sourceId = params.add(query.sourceId);
      clauses.push(`(a.source_id = ${sourceId} OR a.source_thread_id = ${sourceId})`);
    }
    if (query.objective) clauses.push(`${params.add(query.objective)}::smallint = ANY(a.gcm_objectives)`);
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
      const [k, id] = [params.add(cursor[0]), params.add(cursor[1])];
      clauses.push(byDue ? `${key} > (${k}::date, ${id}::uuid)` : `${key} < (${k}::timestamptz, ${id}::uuid)`);
    }
    const order = byDue ? `coalesce(a.due_date, '9999-12-31'::date) ASC, a.id ASC` : `a.created_at DESC, a.id DESC`;
    const rows: ActionItemView[] = await this.db.query(
      `${ACTION_SELECT} WHERE ${clauses.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`,
      params.values,
    );
    return toPage(rows, limit, toActionItemDto, (row) =>
      byDue ? [row.dueDate ?? '9999-12-31', row.id] : [new Date(row.createdAt).toISOString(), row.id],
    );
  }

  /** Every item of a group, soonest due first: the CSV export. */
  async allInGroup(groupId: string): Promise<ActionItemView[]> {
    return this.db.query(`${ACTION_SELECT} WHERE a.group_id = $1 ORDER BY a.due_date NULLS LAST, a.id`, [groupId]);
  }

  /** The recommendation thread, or the live message and its thread, an item is made from. */
  async source(tx: EntityManager, type: 'recommendation' | 'message', id: string): Promise<ActionSource | undefined> {
    const rows: ActionSource[] =
      type === 'recommendation'
        ? await tx.query(
            `SELECT id AS "threadId", kind, group_id AS "groupId", gcm_objectives AS "gcmObjectives" FROM threads WHERE id = $1`,
            [id],
          )
        : await tx.query(
            `SELECT m.thread_id AS "threadId", t.kind, m.group_id AS "groupId", t.gcm_objectives AS "gcmObjectives"
               FROM messages m JOIN threads t ON t.id = m.thread_id WHERE m.id = $1 AND m.deleted_at IS NULL`,
            [id],
          );
    return rows[0];
  }

  async insert(tx: EntityManager, item: NewActionItem): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO action_items (group_id, title, description, source_type, source_id, source_thread_id,
                                 lead_organization_id, focal_person_id, due_date, priority, gcm_objectives, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        item.groupId,
        item.title,
        item.description,
        item.sourceType,
        item.sourceId,
        item.sourceThreadId,
        item.leadOrganizationId,
        item.focalPersonId,
        item.dueDate,
        item.priority,
        item.gcmObjectives,
        item.createdById,
      ],
    );
    return id;
  }

  /**
   * Optimistic concurrency: applied only if the item is still at `version`, which it then moves on by one.
   * Answers false when someone else got there first.
   */
  async update(tx: EntityManager, id: string, version: number, changes: ActionItemChanges): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ActionItem)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected === 1;
  }

  async setSupporting(tx: EntityManager, id: string, organizationIds: string[]): Promise<void> {
    await tx.query('DELETE FROM action_item_organizations WHERE action_item_id = $1', [id]);
    if (organizationIds.length === 0) return;
    await tx.query(
      `INSERT INTO action_item_organizations (action_item_id, organization_id) SELECT $1, unnest($2::uuid[])`,
      [id, organizationIds],
    );
  }

  async recordChanges(
    tx: EntityManager,
    id: string,
    actor: { actorId: string; apiTokenId: string | null },
    changes: { field: string; before: unknown; after: unknown }[],
  ): Promise<void> {
    for (const change of changes) {
      await tx.query(
        `INSERT INTO action_item_changes (action_item_id, field, before, after, actor_id, api_token_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          change.field,
          JSON.stringify(change.before),
          JSON.stringify(change.after),
          actor.actorId,
          actor.apiTokenId,
        ],
      );
    }
  }

  /** The item's changes, oldest first, with each actor's name as it is now. */
  async history(id: string): Promise<ActionChangeView[]> {
    return this.db.query(
      `SELECT c.field, c.before, c.after, c.actor_id AS "actorId", u.display_name AS "actorName", c.created_at AS "createdAt",
              c.api_token_id AS "apiTokenId", token.name AS "apiTokenName"
         FROM action_item_changes c LEFT JOIN users u ON u.id = c.actor_id
         LEFT JOIN api_tokens token ON token.id = c.api_token_id
        WHERE c.action_item_id = $1 ORDER BY c.id`,
      [id],
    );
  }
}
