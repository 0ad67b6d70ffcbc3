import { RemindersService } from '../../src/action-items/reminders.service';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { sleep } from '../support/sockets';
import {
  createAdmin,
  affiliate,
  createOrganization,
  createThread,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('action items', () => {
  let database: TestDatabase;
  let t: TestApp;
  let second: TestApp; // a second node on the same database, for reminders
  let admin: TestUser;
  let g: TestGroup;
  let leadOrg: { id: string; name: string };
  let colleague: TestUser; // member of the lead organization
  let bystander: TestUser; // member of the group, not responsible
  let recommendationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await createTestApp({}, database);
    admin = await createAdmin(t);
    leadOrg = await createOrganization(t, admin, 'Lead Ministry');
    const focal = await registerUser(t);
    colleague = await registerUser(t);
    await affiliate(t, admin, colleague, leadOrg.id);
    bystander = await registerUser(t);
    g = await setupGroup(t, { member: focal });
    for (const user of [colleague, bystander]) {
      await t
        .http()
        .post(`/api/groups/${g.id}/members`)
        .set(g.facilitator.auth)
        .send({ userId: user.id, role: 'member' });
    }
    const rec = await createThread(t, g.id, g.member, {
      kind: 'recommendation',
      title: 'Adopt it',
      proposal: 'Do.',
      objectives: [7, 23],
    });
    await t
      .http()
      .post(`/api/threads/${rec.id}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome: 'adopted', statement: 'Yes.' });
    recommendationId = rec.id;
  });
  afterAll(async () => {
    await second?.app.close();
    await t.close();
    await database.drop();
  });

  const create = (body: Record<string, unknown> = {}, by = g.facilitator) =>
    t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(by.auth)
      .send({
        title: 'Draft the committee terms of reference',
        sourceType: 'recommendation',
        sourceId: recommendationId,
        focalPersonId: g.member.id,
        leadOrganizationId: leadOrg.id,
        dueDate: day(10),
        ...body,
      });
  const patch = (id: string, by: TestUser, body: Record<string, unknown>) =>
    t.http().patch(`/api/actions/${id}`).set(by.auth).send(body);

  it('is created by facilitators from an adopted recommendation, taking its objectives', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      version: 1,
      objectives: [7, 23],
      source: { type: 'recommendation', id: recommendationId, title: 'Adopt it' },
      leadOrganization: { id: leadOrg.id },
      focalPerson: { id: g.member.id },
      overdue: false,
    });
    expect((await create({}, g.member)).status).toBe(403);
    expect((await create({ focalPersonId: admin.id })).status).toBe(400);
    expect((await create({ leadOrganizationId: '00000000-0000-4000-8000-000000000000' })).body.details[0].field).toBe(
      'leadOrganizationId',
    );
  });

  it('lets the focal person and the lead organization move it along, and no one else', async () => {
    const item = (await create()).body;
    const started = await patch(item.id, g.member, { version: 1, status: 'in-progress' });
    expect(started.status).toBe(200);
    expect((await patch(item.id, bystander, { version: 2, status: 'done' })).status).toBe(403);
    expect((await patch(item.id, g.observer, { version: 2, status: 'done' })).status).toBe(403);
    expect((await patch(item.id, colleague, { version: 2, dueDate: day(30) })).status).toBe(403); // reassigning is the facilitator's
    expect((await patch(item.id, colleague, { version: 2, status: 'cancelled', statusReason: 'x' })).status).toBe(403);
    const done = await patch(item.id, colleague, { version: 2, status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', version: 3 });
  });

  it('refuses null for a field that cannot be cleared, naming it, and accepts it for one that can', async () => {
    const item = (await create()).body;
    const objectives = await patch(item.id, g.facilitator, { version: 1, objectives: null });
    expect(objectives.status).toBe(400);
    expect(new Set(objectives.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['objectives']));
    const cleared = await patch(item.id, g.facilitator, { version: 1, dueDate: null });
    expect(cleared.body).toMatchObject({ dueDate: null, version: 2 });
    // Dated again: the listing test below counts on a single undated item.
    expect((await patch(item.id, g.facilitator, { version: 2, dueDate: day(10) })).status).toBe(200);
  });

  it('enforces the transitions and asks for a reason to block or cancel', async () => {
    const item = (await create()).body;
    const skip = await patch(item.id, g.facilitator, { version: 1, status: 'done' });
    expect(skip.status).toBe(400);
    expect(skip.body.details[0]).toEqual({
      field: 'status',
      code: 'status-transition',
      params: { from: 'open', to: 'done' },
      message: 'cannot go from Open to Done',
    });
    expect((await patch(item.id, g.facilitator, { version: 1, status: 'blocked' })).body.details[0].field).toBe(
      'statusReason',
    );
    const blocked = await patch(item.id, g.member, {
      version: 1,
      status: 'blocked',
      statusReason: 'Waiting for the budget',
    });
    expect(blocked.body).toMatchObject({ status: 'blocked', statusReason: 'Waiting for the budget' });
    const reopened = await patch(item.id, g.member, { version: 2, status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', statusReason: null });
  });

  it('50 concurrent updates from the same version: one wins, the rest get 409 with the current item, one history entry', async () => {
    const item = (await create()).body;
    const answers = await Promise.all(
      [...Array(50)].map((_, i) => patch(item.id, g.facilitator, { version: 1, title: `Title ${i}` })),
    );
    const won = answers.filter((a) => a.status === 200);
    const lost = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const answer of lost)
      expect(answer.body.current).toMatchObject({ id: item.id, version: 2, title: won[0].body.title });
    const history = await t.http().get(`/api/actions/${item.id}/history`).set(g.observer.auth);
    expect(history.body).toEqual([
      {
        field: 'title',
        before: item.title,
        after: won[0].body.title,
        actor: expect.objectContaining({ id: g.facilitator.id }),
        // Made with a session, not an API token.
        apiToken: null,
        at: expect.any(String),
      },
    ]);
  });

  it('takes the version from If-Match too, and requires one', async () => {
    const item = (await create()).body;
    expect(
      (await t.http().patch(`/api/actions/${item.id}`).set(g.facilitator.auth).send({ priority: 'high' })).status,
    ).toBe(400);
    const ok = await t
      .http()
      .patch(`/api/actions/${item.id}`)
      .set(g.facilitator.auth)
      .set('If-Match', '"1"')
      .send({ priority: 'high' });
    expect(ok.body).toMatchObject({ priority: 'high', version: 2 });
    expect(
      (
        await t
          .http()
          .patch(`/api/actions/${item.id}`)
          .set(g.facilitator.auth)
          .set('If-Match', '"1"')
          .send({ priority: 'low' })
      ).status,
    ).toBe(412);
  });

  it('answers its version as a strong ETag on GET, which If-Match accepts; the update answers the next one', async () => {
    const item = (await create()).body;
    const read = await t.http().get(`/api/actions/${item.id}`).set(g.facilitator.auth);
    expect(read.headers.etag).toBe(`"${item.version}"`);

    const updated = await t
      .http()
      .patch(`/api/actions/${item.id}`)
      .set(g.facilitator.auth)
      .set('If-Match', read.headers.etag)
      .send({ priority: 'high' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ priority: 'high', version: item.version + 1 });
    expect(updated.headers.etag).toBe(`"${item.version + 1}"`);
    expect(updated.headers.etag).not.toBe(read.headers.etag);
    expect((await t.http().get(`/api/actions/${item.id}`).set(g.facilitator.auth)).headers.etag).toBe(
      updated.headers.etag,
    );
  });

  it('refuses a stale If-Match with 412, naming If-Match, with the item as it is now', async () => {
    const item = (await create()).body;
    const stale = (await t.http().get(`/api/actions/${item.id}`).set(g.facilitator.auth)).headers.etag;
    await t
      .http()
      .patch(`/api/actions/${item.id}`)
      .set(g.facilitator.auth)
      .set('If-Match', stale)
      .send({ priority: 'high' })
      .expect(200);

    const refused = await t
      .http()
      .patch(`/api/actions/${item.id}`)
      .set(g.facilitator.auth)
      .set('If-Match', stale)
      .send({ priority: 'low' });
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({
      statusCode: 412,
      error: 'Precondition Failed',
      code: 'if-match-stale',
      details: [expect.objectContaining({ field: 'If-Match', code: 'if-match-stale' })],
      current: expect.objectContaining({ id: item.id, priority: 'high', version: item.version + 1 }),
    });
    // A stale version in the body stays a 409, as clients that send one expect.
    expect(
      (
        await t
          .http()
          .patch(`/api/actions/${item.id}`)
          .set(g.facilitator.auth)
          .send({ priority: 'low', version: item.version })
      ).status,
    ).toBe(409);
  });

  it('answers no Express body-hash ETag on other API reads', async () => {
    const list = await t.http().get(`/api/groups/${g.id}/actions`).set(g.facilitator.auth);
    expect(list.status).toBe(200);
    expect(list.headers.etag).toBeUndefined();
  });

  it('takes comments from members and progress notes only from those responsible', async () => {
    const item = (await create()).body;
    expect(
      (await t.http().post(`/api/actions/${item.id}/comments`).set(bystander.auth).send({ body: 'Can we help?' }))
        .status,
    ).toBe(201);
    expect(
      (
        await t
          .http()
          .post(`/api/actions/${item.id}/comments`)
          .set(bystander.auth)
          .send({ body: 'Done!', kind: 'progress' })
      ).status,
    ).toBe(403);
    expect(
      (await t.http().post(`/api/actions/${item.id}/comments`).set(g.observer.auth).send({ body: 'hi' })).status,
    ).toBe(403);
    expect(
      (
        await t
          .http()
          .post(`/api/actions/${item.id}/comments`)
          .set(colleague.auth)
          .send({ body: 'Draft **sent**', kind: 'progress' })
      ).status,
    ).toBe(201);
    const comments = await t.http().get(`/api/actions/${item.id}/comments`).set(g.observer.auth);
    expect(comments.body.map((c: { kind: string; bodyHtml: string }) => [c.kind, c.bodyHtml])).toEqual([
      ['comment', '<p>Can we help?</p>'],
      ['progress', '<p>Draft <strong>sent</strong></p>'],
    ]);
  });

  it('notifies the focal person and the lead organization of an assignment', async () => {
    const item = (await create({ title: 'Notify us' })).body;
    await new Promise((r) => setTimeout(r, 200));
    for (const user of [g.member, colleague]) {
      const list = await t.http().get('/api/notifications').set(user.auth);
      expect(
        list.body.items.some(
          (n: { type: string; subjectId: string }) => n.type === 'action.assigned' && n.subjectId === item.id,
        ),
      ).toBe(true);
    }
    const theirs = await t.http().get('/api/notifications').set(bystander.auth);
    expect(theirs.body.items.some((n: { subjectId: string }) => n.subjectId === item.id)).toBe(false);
  });

  it('tells those responsible of a status change and of a reminder as type and data, for their own language', async () => {
    const item = (await create({ title: 'Say it in data', dueDate: day(1) })).body;
    const groupName = (await t.http().get(`/api/groups/${g.id}`).set(g.facilitator.auth)).body.name;
    await patch(item.id, g.member, { version: item.version, status: 'in-progress' }).expect(200);
    await t.app.get(RemindersService).run();
    const about = async (user: TestUser, type: string) => {
      for (let tries = 0; ; tries += 1) {
        const list = (await t.http().get('/api/notifications').set(user.auth)).body.items;
        const found = list.find((n: { type: string; subjectId: string }) => n.type === type && n.subjectId === item.id);
        if (found || tries > 100) return found?.data;
        await sleep(20);
      }
    };
    expect(await about(colleague, 'action.status-changed')).toEqual({
      groupName,
      actorId: g.member.id,
      actorName: 'Test User',
      title: 'Say it in data',
      status: 'in-progress',
      previous: 'open',
    });
    expect(await about(g.member, 'action.due-soon')).toEqual({
      groupName,
      actorId: null,
      actorName: null,
      title: 'Say it in data',
      dueDate: day(1),
    });
  });

  it('lists with filters, sorted by due date, and "my actions" across groups', async () => {
    const other = await setupGroup(t, { facilitator: g.facilitator, member: g.member });
    const mine = await t
      .http()
      .post(`/api/groups/${other.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Elsewhere', focalPersonId: g.member.id, dueDate: day(1) });
    const overdue = (await create({ title: 'Late one', dueDate: day(-3) })).body;
    const undated = (
      await create({ title: 'Someday', dueDate: undefined, focalPersonId: undefined, leadOrganizationId: undefined })
    ).body;
    const late = await t.http().get(`/api/groups/${g.id}/actions?overdue=true`).set(g.observer.auth);
    expect(late.body.items.map((i: { id: string }) => i.id)).toEqual([overdue.id]);
    const byDue = await t.http().get(`/api/groups/${g.id}/actions?sort=due&limit=100`).set(g.observer.auth);
    const dates = byDue.body.items.map((i: { dueDate: string | null }) => i.dueDate);
    expect(dates[dates.length - 1]).toBeNull();
    expect(dates.filter(Boolean)).toEqual([...dates.filter(Boolean)].sort());
    expect(byDue.body.items.at(-1).id).toBe(undated.id);
    const byObjective = await t
      .http()
      .get(`/api/groups/${g.id}/actions?objective=7&status=open&leadOrganizationId=${leadOrg.id}`)
      .set(g.observer.auth);
    expect(
      byObjective.body.items.every(
        (i: { objectives: number[]; status: string }) => i.objectives.includes(7) && i.status === 'open',
      ),
    ).toBe(true);
    const me = await t.http().get('/api/me/actions').set(g.member.auth);
    expect(me.body.items.map((i: { id: string }) => i.id)).toContain(mine.body.id);
    expect(me.body.items.map((i: { id: string }) => i.id)).not.toContain(undated.id);
    const colleagues = await t.http().get('/api/me/actions').set(colleague.auth);
    expect(colleagues.body.items.map((i: { id: string }) => i.id)).toContain(overdue.id);
  });

  it('reminds once per item and threshold with two nodes, and again when the due date changes', async () => {
    second = await createTestApp({}, database);
    const item = (await create({ title: 'Remind me', dueDate: day(1) })).body;
    const overdueItem = (await create({ title: 'Already late', dueDate: day(-1) })).body;
    const count = async (type: string, subjectId: string) =>
      Number(
        (
          await t.db.query(
            'SELECT count(*)::int AS n FROM notifications WHERE type = $1 AND subject_id = $2 AND user_id = $3',
            [type, subjectId, g.member.id],
          )
        )[0].n,
      );
    const nodes = [t.app.get(RemindersService), second.app.get(RemindersService)];
    await Promise.all([...nodes, ...nodes].map((node) => node.run()));
    expect(await count('action.due-soon', item.id)).toBe(1);
    expect(await count('action.overdue', overdueItem.id)).toBe(1);
    await Promise.all(nodes.map((node) => node.run()));
    expect(await count('action.due-soon', item.id)).toBe(1);
    await patch(item.id, g.facilitator, { version: item.version, dueDate: day(2) });
    await Promise.all(nodes.map((node) => node.run()));
    expect(await count('action.due-soon', item.id)).toBe(2);
    await Promise.all(nodes.map((node) => node.run(day(3))));
    expect(await count('action.overdue', item.id)).toBe(1);
  });

  it('exports CSV with a byte-order mark, Arabic intact and formulas neutralised', async () => {
    await create({ title: '=HYPERLINK("http://evil.example","click")', description: 'تنسيق الجهود بين الوزارات' });
    const res = await t
      .http()
      .get(`/api/groups/${g.id}/actions.csv`)
      .set(g.observer.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('"تنسيق الجهود بين الوزارات"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)"=/m);
  });

  it('exports CSV in the language the request asks for, ids as they are', async () => {
    const item = (await create({ title: 'Draft the skills note' })).body;
    const res = await t.http().get(`/api/groups/${g.id}/actions.csv`).set(g.observer.auth).set('Accept-Language', 'ar');
    expect(res.status).toBe(200);
    const [header, ...rows] = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.startsWith('"المعرّف","العنوان","الحالة"')).toBe(true);
    expect(rows.find((row) => row.startsWith(`"${item.id}",`))).toContain('"مفتوحة"');
    const english = await t.http().get(`/api/groups/${g.id}/actions.csv`).set(g.observer.auth);
    expect(english.text).toContain('"ID","Title","Status"');
  });
});

describe('progress report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches a hand-computed fixture, per recommendation, objective and lead organization, as JSON and CSV', async () => {
    const admin = await createAdmin(t);
    const orgA = await createOrganization(t, admin, 'Org A');
    const g = await setupGroup(t);
    const rec = await createThread(t, g.id, g.member, {
      kind: 'recommendation',
      title: 'Rec',
      proposal: 'p',
      objectives: [2],
    });
    const make = async (body: Record<string, unknown>, status?: string) => {
      const item = (
        await t
          .http()
          .post(`/api/groups/${g.id}/actions`)
          .set(g.facilitator.auth)
          .send({ title: 'Item', ...body })
      ).body;
      const path: Record<string, string[]> = {
        'in-progress': ['in-progress'],
        done: ['in-progress', 'done'],
        cancelled: ['cancelled'],
      };
      let version = item.version;
      for (const next of path[status ?? ''] ?? []) {
        version = (
          await t
            .http()
            .patch(`/api/actions/${item.id}`)
            .set(g.facilitator.auth)
            .send({ version, status: next, statusReason: 'r' })
        ).body.version;
      }
    };
    // From the recommendation (objective 2 by default), led by Org A: done, done, open (overdue), cancelled.
    const fromRec = { sourceType: 'recommendation', sourceId: rec.id, leadOrganizationId: orgA.id };
    await make(fromRec, 'done');
    await make(fromRec, 'done');
    await make({ ...fromRec, dueDate: day(-5) });
    await make(fromRec, 'cancelled');
    // Unsourced, objective 5, no lead: in progress, open.
    await make({ objectives: [5] }, 'in-progress');
    await make({ objectives: [5] });

    const report = (await t.http().get(`/api/groups/${g.id}/report`).set(g.observer.auth)).body;
    expect(report.totals).toEqual({
      byStatus: { open: 2, 'in-progress': 1, done: 2, blocked: 0, cancelled: 1 },
      overdue: 1,
      total: 6,
      shareDone: 0.4,
      evidenceFiles: 0,
    });
    const byRec = Object.fromEntries(
      report.byRecommendation.map(
        (r: { recommendation: { title: string } | null; total: number; shareDone: number }) => [
          r.recommendation?.title ?? 'none',
          [r.total, r.shareDone],
        ],
      ),
    );
    expect(byRec).toEqual({ Rec: [4, 0.667], none: [2, 0] });
    expect(
      report.byObjective.map((o: { objective: number; total: number; overdue: number }) => [
        o.objective,
        o.total,
        o.overdue,
      ]),
    ).toEqual([
      [2, 4, 1],
      [5, 2, 0],
    ]);
    const byOrg = Object.fromEntries(
      report.byOrganization.map((o: { organization: { name: string } | null; total: number }) => [
        o.organization?.name ?? 'none',
        o.total,
      ]),
    );
    expect(byOrg).toEqual({ 'Org A': 4, none: 2 });

    const csv = await t.http().get(`/api/groups/${g.id}/report?format=csv`).set(g.observer.auth);
    expect(csv.text).toContain('"All action items","","2","1","2","0","1","1","6","0.4"');
    const arabic = await t
      .http()
      .get(`/api/groups/${g.id}/report?format=csv`)
      .set(g.observer.auth)
      .set('Accept-Language', 'ar');
    expect(arabic.text).toContain('"كل المهام","","2","1","2","0","1","1","6","0.4"');
    expect((await t.http().get('/api/report').set(g.member.auth)).status).toBe(403);
    const workspace = await t.http().get('/api/report').set(admin.auth);
    expect(workspace.body.byGroup.find((x: { group: { id: string } }) => x.group.id === g.id)).toMatchObject({
      total: 6,
    });
  });
});
