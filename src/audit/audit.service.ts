import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Permission } from '../access/permission';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/auth-user';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination';
import { AuditRepository, AuditRow } from './audit.repository';
import { AuditEntryDto } from './dto/audit-entry.dto';

export interface AuditRecord {
  groupId: string;
  actorId: string | null;
  /** The API token the actor made the change with: fill it with actorOf(user), never by hand. */
  apiTokenId?: string | null;
  action: string;
  subjectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Who made a change, for the audit: the user, and the API token when the request came with one. */
export function actorOf(user: Pick<AuthUser, 'id' | 'apiToken'>): { actorId: string; apiTokenId: string | null } {
  return { actorId: user.id, apiTokenId: user.apiToken?.id ?? null };
}

/** Append-only record of membership, role, invitation and setting changes. */
@Injectable()
export class AuditService {
  constructor(
    private readonly access: AccessService,
    private readonly entries: AuditRepository,
  ) {}

  /** In the change's own transaction: if the change rolls back, so does its record. */
  async record(tx: EntityManager, entry: AuditRecord): Promise<void> {
    await this.entries.insert(tx, {
      groupId: entry.groupId,
      actorId: entry.actorId,
      apiTokenId: entry.apiTokenId ?? null,
      action: entry.action,
      subjectId: entry.subjectId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  /** Newest first. */
  async list(user: AuthUser, groupId: string, query: PageQueryDto): Promise<Page<AuditEntryDto>> {
    await this.access.require(user, Permission.AuditRead, [groupId]);
    const limit = query.limit ?? 50;
    const cursor = decodeCursor<[string]>(query.cursor, ['int8']);
    const rows = await this.entries.page(groupId, cursor?.[0] ?? null, limit + 1);
    return toPage(rows, limit, toAuditEntryDto, (row) => [row.id]);
  }
}

function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    action: row.action,
    actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? '' } : null,
    apiToken: row.apiTokenId ? { id: row.apiTokenId, name: row.apiTokenName ?? '' } : null,
    subject: row.subjectId ? { id: row.subjectId, displayName: row.subjectName ?? '' } : null,
    before: row.before,
    after: row.after,
    at: new Date(row.createdAt).toISOString(),
  };
}
