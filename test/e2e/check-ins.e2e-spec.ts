import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { CheckInsService } from '../../src/accountability/check-ins.service';
import { InboundSmtpListener } from '../../src/mail/inbound/inbound-smtp.listener';
import { ReplyAddresses } from '../../src/mail/reply/reply-addresses';
import { mailFilesTo } from '../support/mail-files';
import { sleep } from '../support/sockets';
import {
  addMember,
  affiliate,
  createAdmin,
  createOrganization,
  notificationsOf,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Check-ins: a facilitator schedules a recurring progress check-in of an action item or of a lead organization's
 * items; on each date those responsible are asked once, and the next date moves on.
 */
describe('check-ins', () => {
  let t: TestApp;
  let admin: TestUser;
  let checkIns: CheckInsService;
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-check-ins-'));

  beforeAll(async () => {
    t = await createTestApp({
      DATA_DIR: dataDir,
      JOB_POLL_SECONDS: '0.5',
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
      MAIL_REPLY_DOMAIN: 'reply.example.org',
      MAIL_FROM: 'Tansiq <tansiq@example.org>',
    });
    admin = await createAdmin(t);
    checkIns = t.app.get(CheckInsService);
  });

  /** Sends `text` from `from` to `to` through the app's inbound SMTP listener; the SMTP code it answered. */
  async function reply(to: string, from: string, text: string, messageId: string): Promise<number> {
    const port = t.app.get(InboundSmtpListener).port()!;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from, to, subject: 'Re: Progress check-in', text, messageId });
      return 250;
    } catch (error) {
      return (error as { responseCode?: number }).responseCode ?? 0;
    } finally {
      transport.close();
    }
  }

  afterAll(() => t.close());

  interface Fixture {
    g: TestGroup;
    /** Two people of the organization that leads two items (one open, one done). */
    leads: TestUser[];
    organizationId: string;
    /** The member's item (they are its focal person). */
    focalItem: string;
    ledOpen: string;
    ledDone: string;
  }

  async function fixture(): Promise<Fixture> {
    const g = await setupGroup(t);
    const organization = await createOrganization(t, admin);
    const leads = [await registerUser(t), await registerUser(t)];
    for (const user of leads) {
      await affiliate(t, admin, user, organization.id);
      await addMember(t, g.id, g.facilitator, user, 'member');
    }
    const action = async (title: string, extra: Record<string, unknown>) => {
      const res = await t
        .http()
        .post(`/api/groups/${g.id}/actions`)
        .set(g.facilitator.auth)
        .send({ title, ...extra });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const focalItem = await action('Map the training centres', { focalPersonId: g.member.id, dueDate: '2030-06-30' });
    const ledOpen = await action('Draft the recognition procedure', { leadOrganizationId: organization.id });
    const ledDone = await action('Publish the call', { leadOrganizationId: organization.id });
    await t.db.query(`UPDATE action_items SET status = 'done' WHERE id = $1`, [ledDone]);
    return { g, leads, organizationId: organization.id, focalItem, ledOpen, ledDone };
  }

  const schedule = (g: TestGroup, body: object, by: TestUser = g.facilitator) =>
    t.http().post(`/api/groups/${g.id}/check-ins`).set(by.auth).send(body);

  const askedOf = async (user: TestUser) =>
    (await notificationsOf(t, user)).filter((n) => n.type === 'action.check-in');

  const nextDate = async (id: string) =>
    (
      (await t.db.query(`SELECT to_char(next_date, 'YYYY-MM-DD') AS d FROM check_ins WHERE id = $1`, [id])) as {
        d: string;
      }[]
    )[0].d;

  it('schedules a check-in of an action, lists it, and asks its focal person once per date', async () => {
    const f = await fixture();
    const created = await schedule(f.g, { actionItemId: f.focalItem, everyDays: 14, firstDate: '2030-01-01' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      groupId: f.g.id,
      action: { id: f.focalItem, title: 'Map the training centres' },
      organization: null,
      everyDays: 14,
      nextDate: '2030-01-01',
      createdBy: { id: f.g.facilitator.id, displayName: expect.any(String) },
      createdAt: expect.any(String),
    });
    const listed = await t.http().get(`/api/groups/${f.g.id}/check-ins`).set(f.g.observer.auth);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([created.body]);

    await checkIns.run('2029-12-31');
    expect(await askedOf(f.g.member)).toEqual([]);

    // Two runs at once on the date: one claim wins.
    await Promise.all([checkIns.run('2030-01-01'), checkIns.run('2030-01-01')]);
    const asked = await askedOf(f.g.member);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      subjectType: 'action',
      subjectId: f.focalItem,
      data: { title: 'Map the training centres', dueDate: '2030-06-30', everyDays: 14 },
    });
    expect(await nextDate(created.body.id)).toBe('2030-01-15');
    await checkIns.run('2030-01-01');
    expect(await askedOf(f.g.member)).toHaveLength(1);
    for (const user of [f.g.facilitator, f.g.observer, ...f.leads]) expect(await askedOf(user)).toEqual([]);

    // Missed dates are asked once, and the next date is the first period after today.
    await checkIns.run('2030-02-10');
    expect(await askedOf(f.g.member)).toHaveLength(2);
    expect(await nextDate(created.body.id)).toBe('2030-02-12');
  });

  it("asks an organization's people about each open item it leads", async () => {
    const f = await fixture();
    const created = await schedule(f.g, { organizationId: f.organizationId, everyDays: 7, firstDate: '2030-03-01' });
    expect(created.status).toBe(201);
    expect(created.body.organization).toEqual({ id: f.organizationId, name: expect.any(String) });
    await checkIns.run('2030-03-01');
    for (const user of f.leads) {
      const asked = await askedOf(user);
      expect(asked.map((n) => n.subjectId)).toEqual([f.ledOpen]);
    }
    expect(await askedOf(f.g.member)).toEqual([]);
    expect(await nextDate(created.body.id)).toBe('2030-03-08');
  });

  it('refuses a check-in without exactly one subject, a bad period, an item of another group, an organization leading nothing', async () => {
    const f = await fixture();
    const other = await fixture();
    const both = await schedule(f.g, { actionItemId: f.focalItem, organizationId: f.organizationId, everyDays: 7 });
    expect(both.status).toBe(400);
    expect(both.body.details).toEqual([
      expect.objectContaining({ field: 'organizationId', code: 'check-in-one-subject' }),
    ]);
    const neither = await schedule(f.g, { everyDays: 7 });
    expect(neither.status).toBe(400);
    expect(neither.body.details).toEqual([
      expect.objectContaining({ field: 'actionItemId', code: 'check-in-one-subject' }),
    ]);
    for (const everyDays of [0, 366, 1.5]) {
      const res = await schedule(f.g, { actionItemId: f.focalItem, everyDays });
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('everyDays');
    }
    const elsewhere = await schedule(f.g, { actionItemId: other.focalItem, everyDays: 7 });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe('action-item-not-found');
    const leadsNothing = await schedule(f.g, { organizationId: other.organizationId, everyDays: 7 });
    expect(leadsNothing.status).toBe(400);
    expect(leadsNothing.body.details).toEqual([
      expect.objectContaining({ field: 'organizationId', code: 'not-a-lead-organization' }),
    ]);
    expect((await schedule(f.g, { actionItemId: f.focalItem, everyDays: 7 }, f.g.member)).status).toBe(403);
  });

  it('stops a check-in: it asks no more, and both acts are in the audit log', async () => {
    const f = await fixture();
    const created = await schedule(f.g, { actionItemId: f.focalItem, everyDays: 14, firstDate: '2030-01-01' });
    expect((await t.http().delete(`/api/check-ins/${created.body.id}`).set(f.g.member.auth)).status).toBe(403);
    expect((await t.http().delete(`/api/check-ins/${created.body.id}`).set(f.g.facilitator.auth)).status).toBe(204);
    expect((await t.http().delete(`/api/check-ins/${created.body.id}`).set(f.g.facilitator.auth)).status).toBe(404);
    await checkIns.run('2030-01-01');
    expect(await askedOf(f.g.member)).toEqual([]);
    const audit: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_log WHERE group_id = $1 AND subject_id = $2 ORDER BY id`,
      [f.g.id, created.body.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['check-in.created', 'check-in.stopped']);
  });

  it('emails the check-in, and a reply to that email becomes a progress note by the one who replied, once', async () => {
    const f = await fixture();
    const allHours = { weekendDays: [], workStartHour: 0, workEndHour: 24 };
    expect((await t.http().patch('/api/me').set(f.g.member.auth).send(allHours)).status).toBe(200);
    expect((await schedule(f.g, { actionItemId: f.focalItem, everyDays: 14 })).status).toBe(201);
    await checkIns.run();

    const checkInMails = async () =>
      (await mailFilesTo(dataDir, f.g.member.email)).filter((m) => m.text.includes('add a progress note'));
    for (const deadline = Date.now() + 15_000; (await checkInMails()).length === 0;) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the check-in email');
      await sleep(200);
    }
    const [mail] = await checkInMails();
    expect(mail.text).toContain('Map the training centres');
    expect(mail.text).toContain(`/actions/${f.focalItem}`);

    // The address the email carried (asking again renews the same key).
    const addresses = t.app.get(ReplyAddresses);
    const address = (await addresses.addressForAction(f.g.member.id, f.focalItem))!;
    const messageId = `<${randomBytes(8).toString('hex')}@mail.example.net>`;
    const text = 'Halfway: the map covers 12 of 24 centres.';
    expect(await reply(address, f.g.member.email, text, messageId)).toBe(250);
    // The relay retries the same email: no second note.
    expect(await reply(address, f.g.member.email, text, messageId)).toBe(250);
    const notes = await t.http().get(`/api/actions/${f.focalItem}/comments`).set(f.g.facilitator.auth);
    expect(notes.body).toEqual([
      expect.objectContaining({ kind: 'progress', body: text, author: expect.objectContaining({ id: f.g.member.id }) }),
    ]);

    // Someone not responsible for the item cannot add a progress note by email either.
    const observerAddress = (await addresses.addressForAction(f.g.observer.id, f.focalItem))!;
    const refused = await reply(observerAddress, f.g.observer.email, 'Done!', `<${randomBytes(8).toString('hex')}@x>`);
    expect(refused).toBe(550);
    expect((await t.http().get(`/api/actions/${f.focalItem}/comments`).set(f.g.facilitator.auth)).body).toHaveLength(1);
  });
});
