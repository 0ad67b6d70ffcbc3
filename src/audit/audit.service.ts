import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Permission } from '../access/permission';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { AuditEntryDto } from './dto/audit-entry.dto';

export interface AuditRecord {
  groupId: string;
  actorId: string | null;
  action: string;
  subjectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

interface AuditRow {
  id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  subject_id: string | null;
  subject_name: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  created_at: Date;
}

/** Append-only record of membership, role, invitation and setting changes. */
@Injectable()
export class AuditService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  /** In the change's own transaction: if the change rolls back, so does its record. */
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (group_id, actor_id, action, subject_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.groupId,
        entry.actorId,
        entry.action,
        entry.subjectId ?? null,
        entry.before ? JSON.stringify(entry.before) : null,
        entry.after ? JSON.stringify(entry.after) : null,
      ],
    );
  }

  /** Newest first. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<AuditEntryDto>> {
    await this.access.require(user, Permission.AuditRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string]>(query.cursor, ['int8']);
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.id, a.action, a.actor_id, actor.display_name AS actor_name, a.subject_id,
              subject.display_name AS subject_name, a.before, a.after, a.created_at
         FROM audit_log a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users subject ON subject.id = a.subject_id
        WHERE a.group_id = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
        ORDER BY a.id DESC LIMIT $3`,
      [groupId, cursor?.[0] ?? null, limit + 1],
    );
    return toPage(rows, limit, toAuditEntryDto, (row) => [row.id]);
  }
}

function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
    subject: row.subject_id ? { id: row.subject_id, displayName: row.subject_name ?? '' } : null,
    before: row.before,
    after: row.after,
    at: new Date(row.created_at).toISOString(),
  };
}
