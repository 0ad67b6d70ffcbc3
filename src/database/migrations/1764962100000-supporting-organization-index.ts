import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The items an organization supports (issue 22, data scale): "my actions" asks, for every item of my groups, whether
 * my organization supports it, and without this index PostgreSQL answered by reading every supporting organization
 * of the workspace (a sequential scan that grows with it). The primary key leads with the item, which serves the
 * other direction.
 */
export class SupportingOrganizationIndex1764962100000 implements MigrationInterface {
  name = 'SupportingOrganizationIndex1764962100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "action_item_organizations_organization_idx" ON "action_item_organizations" ("organization_id", "action_item_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "action_item_organizations_organization_idx"`);
  }
}
