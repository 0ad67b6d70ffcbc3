import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { User } from '../users/entities/user.entity';
import { AuditEntry } from './entities/audit-entry.entity';

/** An entry as the audit list reads it: the stored columns and the names of its actor and subject. */
export type AuditRow = Pick<
  AuditEntry,
  'id' | 'action' | 'actorId' | 'apiTokenId' | 'subjectId' | 'before' | 'after' | 'createdAt'
> & {
  actorName: User['displayName'] | null;
  apiTokenName: string | null;
  subjectName: User['displayName'] | null;
};

/** Every query on the audit log: it is only ever appended to and read. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tx: EntityManager,
    entry: Pick<AuditEntry, 'groupId' | 'actorId' | 'apiTokenId' | 'action' | 'subjectId' | 'before' | 'after'>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (group_id, actor_id, action, subject_id, before, after, api_token_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.groupId,
        entry.actorId,
        entry.action,
        entry.subjectId,
        entry.before ? JSON.stringify(entry.before) : null,
        entry.after ? JSON.stringify(entry.after) : null,
        entry.apiTokenId,
      ],
    );
  }

  /** One page of a group's entries, newest first, before the id cursor; `limit` rows plus one. */
  async page(groupId: string, beforeId: string | null, limit: number): Promise<AuditRow[]> {
    return this.db.query(
      `SELECT a.id, a.action, a.actor_id AS "actorId", actor.display_name AS "actorName", a.subject_id AS "subjectId",
              subject.display_name AS "subjectName", a.before, a.after, a.created_at AS "createdAt",
              a.api_token_id AS "apiTokenId", token.name AS "apiTokenName"
         FROM audit_log a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN api_tokens token ON token.id = a.api_token_id
         LEFT JOIN users subject ON subject.id = a.subject_id
        WHERE a.group_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
        ORDER BY a.id DESC LIMIT $3`,
      [groupId, beforeId, limit],
    );
  }
}
