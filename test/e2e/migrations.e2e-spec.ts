import { DataSource } from 'typeorm';
import { dataSourceOptions, forMigrations } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let database: TestDatabase;
  let source: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await new DataSource(
      forMigrations(
        dataSourceOptions({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR ?? '' }),
      ),
    ).initialize();
  });
  afterAll(async () => {
    await source.destroy();
    await database.drop();
  });

  it('produce exactly the schema the entities describe (no drift)', async () => {
    await source.runMigrations({ transaction: 'each' });
    const pending = await source.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('all revert down to an empty schema', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await source.undoLastMigration({ transaction: 'each' });
    // TypeORM's own bookkeeping stays: its migrations table, and typeorm_metadata, which it creates before every
    // migration run or revert once an entity has a generated column. What the migrations recorded there must go.
    const tables: { table_name: string }[] = await source.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')`,
    );
    expect(tables).toEqual([]);
    expect(await source.query('SELECT * FROM typeorm_metadata')).toEqual([]);
  });
});
