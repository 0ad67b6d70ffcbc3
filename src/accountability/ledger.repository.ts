import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LedgerPosition } from './ledger';

export interface OrganizationRow {
  id: string;
  name: string;
}

/** What the ledger reads besides the progress rows: positions on adopted recommendations, organizations by name. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  /** Members' positions on the group's adopted recommendations, for the organization they spoke for. */
  async positions(groupId: string): Promise<LedgerPosition[]> {
    const rows: (Omit<LedgerPosition, 'updatedAt'> & { updatedAt: string | Date })[] = await this.db.query(
      `SELECT p.thread_id AS "recommendationId", p.organization_id AS "organizationId", p.position,
              p.updated_at AS "updatedAt"
         FROM positions p JOIN threads t ON t.id = p.thread_id
        WHERE t.group_id = $1 AND t.kind = 'recommendation' AND t.outcome IN ('adopted', 'adopted-with-changes')
          AND p.organization_id IS NOT NULL`,
      [groupId],
    );
    return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
  }

  /** The organizations named, by name. */
  organizations(ids: string[]): Promise<OrganizationRow[]> {
    return this.db.query(`SELECT id, name FROM organizations WHERE id = ANY($1::uuid[]) ORDER BY name, id`, [ids]);
  }
}
