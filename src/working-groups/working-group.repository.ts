import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GroupRow } from './dto/group.dto';
import { refusal } from '../common/errors/refusal';

const GROUP_COLUMNS = `g.id, g.name, g.purpose, g.gcm_objectives AS "gcmObjectives", g.archived_at AS "archivedAt",
  g.last_seq AS "lastSeq", g.created_at AS "createdAt", g.updated_at AS "updatedAt",
  (SELECT count(*) FROM memberships c WHERE c.group_id = g.id) AS "memberCount",
  g.verifier_organization_id AS "verifierOrganizationId",
  (SELECT name FROM organizations vo WHERE vo.id = g.verifier_organization_id) AS "verifierOrganizationName"`;

/** The caller's own columns; `$userParam` is the caller's id. */
const MY_GROUP_COLUMNS = (userParam: string) => `m.role AS "myRole",
  (SELECT count(*) FROM messages msg LEFT JOIN thread_reads r ON r.thread_id = msg.thread_id AND r.user_id = ${userParam}
    WHERE msg.group_id = g.id AND msg.deleted_at IS NULL AND msg.author_id IS DISTINCT FROM ${userParam}
      AND msg.seq > coalesce(r.last_read_seq, 0)) AS "unreadCount"`;

export interface GroupFields {
  name: string;
  purpose: string;
  objectives: number[];
  verifierOrganizationId: string | null;
}

/** Every query on the working_groups table itself (memberships are in access/membership.repository.ts). */
@Injectable()
export class WorkingGroupRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One page of the caller's groups by name (every group for the workspace admin), after the (lower-cased name,
   * id) cursor; `limit` rows plus one.
   */
  async pageFor(
    userId: string,
    isAdmin: boolean,
    cursor: [string, string] | null,
    limit: number,
  ): Promise<(GroupRow & { sortName: string })[]> {
    return this.db.query(
      `SELECT ${GROUP_COLUMNS}, ${MY_GROUP_COLUMNS('$1::uuid')}, lower(g.name) AS "sortName"
         FROM working_groups g
         LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
        WHERE (m.user_id IS NOT NULL OR $2::boolean)
          AND ($3::text IS NULL OR (lower(g.name), g.id) > ($3::text, $4::uuid))
        ORDER BY lower(g.name), g.id
        LIMIT $5`,
      [userId, isAdmin, cursor?.[0] ?? null, cursor?.[1] ?? null, limit],
    );
  }

  /** The group with the columns of `userId` (their role and unread count); undefined when it does not exist. */
  async loadFor(tx: EntityManager, groupId: string, userId: string): Promise<GroupRow | undefined> {
    const [row]: GroupRow[] = await tx.query(
      `SELECT ${GROUP_COLUMNS}, ${MY_GROUP_COLUMNS('$2::uuid')}
         FROM working_groups g LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $2
        WHERE g.id = $1`,
      [groupId, userId],
    );
    return row;
  }

  async insert(
    tx: EntityManager,
    fields: Omit<GroupFields, 'verifierOrganizationId'>,
    createdById: string,
  ): Promise<string> {
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO working_groups (name, purpose, gcm_objectives, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [fields.name, fields.purpose, fields.objectives, createdById],
    );
    return id;
  }

  async update(tx: EntityManager, groupId: string, fields: GroupFields): Promise<void> {
    await tx.query(
      `UPDATE working_groups SET name = $2, purpose = $3, gcm_objectives = $4, verifier_organization_id = $5,
              updated_at = now()
        WHERE id = $1`,
      [groupId, fields.name, fields.purpose, fields.objectives, fields.verifierOrganizationId],
    );
  }

  async setArchived(tx: EntityManager, groupId: string, archived: boolean): Promise<void> {
    await tx.query(
      `UPDATE working_groups SET archived_at = CASE WHEN $2::boolean THEN now() END, updated_at = now() WHERE id = $1`,
      [groupId, archived],
    );
  }

  async name(tx: EntityManager, groupId: string): Promise<string> {
    const [{ name }]: { name: string }[] = await tx.query('SELECT name FROM working_groups WHERE id = $1', [groupId]);
    return name;
  }

  /**
   * Locks the group row for the rest of the transaction, or answers the group's 404. Membership changes take it
   * first, so two facilitators demoting each other at once cannot leave a group without one.
   */
  async lock(tx: EntityManager, groupId: string): Promise<void> {
    const rows: unknown[] = await tx.query('SELECT id FROM working_groups WHERE id = $1 FOR UPDATE', [groupId]);
    if (rows.length === 0) throw new NotFoundException(refusal('working-group-not-found'));
  }
}
