import { DataSource, EntityManager } from 'typeorm';
import { ActionItemDto } from './dto/action-item.dto';

/** Who answers for an item: its focal person and the lead organization's members in the group. */
export async function responsibleFor(db: DataSource | EntityManager, item: ActionItemDto): Promise<string[]> {
  const rows: { user_id: string }[] = await db.query(
    `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.group_id = $1 AND (m.user_id = $2::uuid OR ($3::uuid IS NOT NULL AND u.organization_id = $3::uuid))`,
    [item.groupId, item.focalPerson?.id ?? null, item.leadOrganization?.id ?? null],
  );
  return rows.map((row) => row.user_id);
}
