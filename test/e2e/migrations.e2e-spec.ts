import { DataSource } from 'typeorm';
import { dataSourceOptions, forMigrations } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { NotificationData1764475200000 } from '../../src/database/migrations/1764475200000-notification-data';
import { translator } from '../../src/mail/templates/translator';
import { notificationText, type NotificationFacts } from '../../src/notifications/texts/notification-text';
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

  it('rebuilds the data of notifications stored as English sentences, so they are said in Arabic, and reverts', async () => {
    await source.runMigrations({ transaction: 'each' });
    const reverts = MIGRATIONS.length - MIGRATIONS.indexOf(NotificationData1764475200000);
    for (let i = 0; i < reverts; i += 1) await source.undoLastMigration({ transaction: 'each' });
    const [{ id: groupId }]: { id: string }[] = await source.query(
      `INSERT INTO working_groups (name) VALUES ('Skills Partnership') RETURNING id`,
    );
    const [{ id: threadId }]: { id: string }[] = await source.query(
      `INSERT INTO threads (group_id, kind, title) VALUES ($1, 'discussion', 'Recognition of skills') RETURNING id`,
      [groupId],
    );
    const legacy: [string, string, object][] = [
      ['action.status-changed', 'Draft the note: open → in-progress', { status: 'in-progress', previous: 'open' }],
      ['recommendation.closed', 'Recommendation adopted-with-changes: Skills', { outcome: 'adopted-with-changes' }],
      ['action.assigned', 'New action for you: Draft (v2) (due 2026-04-01)', {}],
      ['action.commented', 'Huda Haddad reported progress on Draft the note', {}],
      ['message.mentioned', 'Someone mentioned you', { threadId }],
      ['action.overdue', 'Overdue since 2026-03-01: Draft the note', { dueDate: '2026-03-01' }],
      ['action.assigned', 'Something the server never wrote', {}],
    ];
    const ids: string[] = [];
    for (const [type, text, data] of legacy) {
      const [{ id }]: { id: string }[] = await source.query(
        `INSERT INTO notifications (user_id, group_id, type, text, data) VALUES (gen_random_uuid(), $1, $2, $3, $4)
         RETURNING id`,
        [groupId, type, text, data],
      );
      ids.push(id);
    }
    await source.runMigrations({ transaction: 'each' });
    const rows: NotificationFacts[] = [];
    for (const id of ids)
      rows.push((await source.query('SELECT type, data FROM notifications WHERE id = $1', [id]))[0]);
    const arabic = translator('ar', 'UTC');
    expect(rows.slice(0, 6).map((row) => notificationText(row, arabic))).toEqual([
      'Draft the note: من مفتوحة إلى قيد التنفيذ',
      expect.stringContaining('اعتُمدت مع تعديلات'),
      expect.stringMatching(/^مهمة جديدة لك: Draft \(v2\) .*2026/),
      expect.stringMatching(/^Huda Haddad .*Draft the note$/),
      expect.stringContaining('Recognition of skills'),
      expect.stringContaining('Draft the note'),
    ]);
    expect(rows[3].data).toMatchObject({ groupName: 'Skills Partnership', actorName: 'Huda Haddad', kind: 'progress' });
    expect(rows[4].data).toMatchObject({ actorName: null, threadId });
    expect(rows[6].data).toEqual({ text: 'Something the server never wrote' });
    for (let i = 0; i < reverts; i += 1) await source.undoLastMigration({ transaction: 'each' });
    const reverted = (await source.query('SELECT text, data FROM notifications WHERE id = $1', [ids[0]]))[0];
    expect(reverted).toEqual({ text: legacy[0][1], data: legacy[0][2] });
  });
});
