import { DataSource } from 'typeorm';
import { dataSourceOptions, forMigrations } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { NotificationData1764475200000 } from '../../src/database/migrations/1764475200000-notification-data';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let database: TestDatabase;
  let source: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await new DataSource(forMigrations(dataSourceOptions({ databaseUrl: database.url }))).initialize();
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

  it('keeps the English text of notifications stored before type + data in their data, and puts it back on revert', async () => {
    await source.runMigrations({ transaction: 'each' });
    // Back to the schema before NotificationData1764475200000 (it and every later migration reverted).
    const reverts = MIGRATIONS.length - MIGRATIONS.indexOf(NotificationData1764475200000);
    const revert = async () => {
      for (let i = 0; i < reverts; i += 1) await source.undoLastMigration({ transaction: 'each' });
    };
    await revert();
    const text = 'You were added to Group A as member';
    const [{ id }]: { id: string }[] = await source.query(
      `INSERT INTO notifications (user_id, type, text, data) VALUES (gen_random_uuid(), 'member.added', $1, $2)
       RETURNING id`,
      [text, { role: 'member' }],
    );
    await source.runMigrations({ transaction: 'each' });
    const read = async () => (await source.query('SELECT * FROM notifications WHERE id = $1', [id]))[0];
    expect(await read()).toMatchObject({ type: 'member.added', data: { role: 'member', text } });
    expect(await read()).not.toHaveProperty('text');
    await revert();
    const reverted = await read();
    expect([reverted.text, reverted.data]).toEqual([text, { role: 'member' }]);
  });
});
