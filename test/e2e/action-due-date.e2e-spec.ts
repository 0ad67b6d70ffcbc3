import { notificationsOf, registerUser, setupGroup, TestGroup, TestUser } from '../support/factories';
import { SmtpSink } from '../support/smtp-sink';
import { sleep, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

/** Polls an asynchronous check (the notifications are written after commit). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Issue #20 item 4: moving an action item's due date tells its focal person, in the app and by email, the way every
 * other change of an item does (notifications listener → stored notification → mail through the job queue).
 */
describe('moving an action item’s due date', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let g: TestGroup;

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      SMTP_CA_FILE: smtp.caFile,
      PUBLIC_URL: 'https://tansiq.example.org',
      JOB_POLL_SECONDS: '0.5',
    });
    const users: Record<'facilitator' | 'member' | 'observer', TestUser> = {
      facilitator: await registerUser(t),
      member: await registerUser(t),
      observer: await registerUser(t),
    };
    for (const user of Object.values(users)) {
      // Always at work, and not emailed of being added: the test counts only the emails the date causes.
      await t.http().patch('/api/me').set(user.auth).send({ weekendDays: [], workStartHour: 0, workEndHour: 24 });
      await t
        .http()
        .put('/api/me/notification-settings')
        .set(user.auth)
        .send({ type: 'member.added', delivery: 'in-app' });
    }
    g = await setupGroup(t, users);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function item(focal: TestUser) {
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Draft the permit procedure', focalPersonId: focal.id, dueDate: day(10) });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  }

  const dueChanged = async (user: TestUser, itemId: string) =>
    (await notificationsOf(t, user)).filter((n) => n.type === 'action.due-changed' && n.subjectId === itemId);

  it('tells the focal person in the app and by email, with the new and the old date', async () => {
    const action = await item(g.member);
    const moved = await t
      .http()
      .patch(`/api/actions/${action.id}`)
      .set(g.facilitator.auth)
      .send({ version: action.version, dueDate: day(20) });
    expect(moved.status).toBe(200);

    await until(async () => (await dueChanged(g.member, action.id)).length === 1, 'the in-app notification');
    const [notification] = await dueChanged(g.member, action.id);
    expect(notification.data).toMatchObject({
      title: 'Draft the permit procedure',
      dueDate: day(20),
      previous: day(10),
      actorId: g.facilitator.id,
    });
    // The one who moved it and the bystanders hear nothing.
    expect(await dueChanged(g.facilitator, action.id)).toEqual([]);
    expect(await dueChanged(g.observer, action.id)).toEqual([]);

    await waitFor(
      () => smtp.to(g.member.email).some((mail) => (mail.parsed.text ?? '').includes('Draft the permit procedure')),
      15_000,
      'the email to the focal person',
    );
    await sleep(300);
    expect(smtp.to(g.facilitator.email)).toEqual([]);
    expect(smtp.to(g.observer.email)).toEqual([]);
  });

  it('tells the focal person when the date is cleared too', async () => {
    const action = await item(g.member);
    await t
      .http()
      .patch(`/api/actions/${action.id}`)
      .set(g.facilitator.auth)
      .send({ version: action.version, dueDate: null })
      .expect(200);
    await until(async () => (await dueChanged(g.member, action.id)).length === 1, 'the in-app notification');
    expect((await dueChanged(g.member, action.id))[0].data).toMatchObject({ dueDate: null, previous: day(10) });
  });
});
