import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { PublicationVisibility } from './entities/publication.entity';

export interface PublicationRow {
  groupId: string;
  groupName: string;
  token: string;
  visibility: PublicationVisibility;
  publishedById: string | null;
  publishedByName: string | null;
  publishedAt: Date;
}

const SELECT = `SELECT p.group_id AS "groupId", g.name AS "groupName", p.token, p.visibility,
    p.published_by AS "publishedById", u.display_name AS "publishedByName", p.published_at AS "publishedAt"
  FROM publications p JOIN working_groups g ON g.id = p.group_id LEFT JOIN users u ON u.id = p.published_by`;

/** Groups' published progress pages: one row per published group, its token the page's address. */
@Injectable()
export class PublicationRepository {
  constructor(private readonly db: DataSource) {}

  async ofGroup(groupId: string, tx: EntityManager = this.db.manager): Promise<PublicationRow | undefined> {
    const [row]: PublicationRow[] = await tx.query(`${SELECT} WHERE p.group_id = $1`, [groupId]);
    return row;
  }

  /** The page behind a token; an archived group's page stays up (its figures are final). */
  async byToken(token: string): Promise<PublicationRow | undefined> {
    const [row]: PublicationRow[] = await this.db.query(`${SELECT} WHERE p.token = $1`, [token]);
    return row;
  }

  async listPublic(): Promise<PublicationRow[]> {
    return this.db.query(`${SELECT} WHERE p.visibility = 'public' ORDER BY g.name, p.group_id`);
  }

  /**
   * Serializes changes to a group's publication: the group's row is locked (a publication row that does not exist yet
   * cannot be), so two first publishes cannot both insert. Answers the publication as it then is.
   */
  async lock(tx: EntityManager, groupId: string): Promise<PublicationRow | undefined> {
    await tx.query('SELECT 1 FROM working_groups WHERE id = $1 FOR UPDATE', [groupId]);
    return this.ofGroup(groupId, tx);
  }

  async insert(
    tx: EntityManager,
    row: { groupId: string; token: string; visibility: PublicationVisibility; publishedById: string },
  ): Promise<void> {
    await tx.query(`INSERT INTO publications (group_id, token, visibility, published_by) VALUES ($1, $2, $3, $4)`, [
      row.groupId,
      row.token,
      row.visibility,
      row.publishedById,
    ]);
  }

  async setVisibility(tx: EntityManager, groupId: string, visibility: PublicationVisibility): Promise<void> {
    await tx.query('UPDATE publications SET visibility = $2 WHERE group_id = $1', [groupId, visibility]);
  }

  async delete(tx: EntityManager, groupId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await tx.query('DELETE FROM publications WHERE group_id = $1', [groupId]);
    return affected > 0;
  }
}
