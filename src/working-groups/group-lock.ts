import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Locks the group row for the rest of the transaction. Membership changes take it first, so two facilitators
 * demoting each other at once cannot leave a group without one.
 */
export async function lockGroup(tx: EntityManager, groupId: string): Promise<void> {
  const rows: unknown[] = await tx.query('SELECT id FROM working_groups WHERE id = $1 FOR UPDATE', [groupId]);
  if (rows.length === 0) throw new NotFoundException('Working group not found');
}
