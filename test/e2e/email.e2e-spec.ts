import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { DigestService } from '../../src/mail/digest.service';
import { MailRepository } from '../../src/mail/mail.repository';
import { InboundSmtpListener } from '../../src/mail/inbound/inbound-smtp.listener';
import { RemindersService } from '../../src/action-items/reminders.service';
import {
  createAdmin,
  addMember,
  createThread,
  notificationsOf,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
  uniqueEmail,
} from '../support/factories';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { sleep, waitFor } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const PUBLIC_URL = 'https://tansiq.example.org';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The app sending through `smtp` (STARTTLS with its certificate, AUTH), polling the job queue every half second. */
function mailingApp(smtp: SmtpSink, env: Record<string, string>): Promise<TestApp> {
  return createTestApp({ SMTP_URL: smtp.url, SMTP_CA_FILE: smtp.caFile, PUBLIC_URL, JOB_POLL_SECONDS: '0.5', ...env });
}

/** Every day a working day, every hour a working hour: nothing waits (one test holds a reader's email instead). */
const ALWAYS_AT_WORK = { weekendDays: [], workStartHour: 0, workEndHour: 24 };

/**
 * Email end to end, over the wire: the app sends through a real SMTP server (smtp-server) with STARTTLS and AUTH,
 * from the job queue in PostgreSQL. Each case counts what the server received, per address.
 */
describe('email', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: TestUser;

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    t = await mailingApp(smtp, { MAIL_FROM: 'Tansiq <tansiq@example.org>', MAIL_RETRY_DELAY: '1' });
    admin = await createAdmin(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function atWork(user: TestUser, extra: Record<string, unknown> = {}): Promise<void> {
    const res = await t
      .http()
      .patch('/api/me')
      .set(user.auth)
      .send({ ...ALWAYS_AT_WORK, ...extra });
    expect(res.status).toBe(200);
  }

  /**
   * A group whose three people are always at work and were not emailed of being added (that email has a test of its
   * own), so each test counts only the emails it causes.
   */
  async function group(): Promise<TestGroup> {
    const users = {
      facilitator: await registerUser(t),
      member: await registerUser(t),
      observer: await registerUser(t),
    };
    for (const user of Object.values(users)) {
      await atWork(user);
      const quiet = { type: 'member.added', delivery: 'in-app' };
      expect((await t.http().put('/api/me/notification-settings').set(user.auth).send(quiet)).status).toBe(200);
    }
    return setupGroup(t, users);
  }

  /** Waits until `address` has received `count` emails, then a little longer to be sure no more come. */
  async function mailTo(address: string, count = 1): Promise<ReceivedMail[]> {
    await waitFor(() => smtp.to(address).length >= count, 15_000, `${count} email(s) to ${address}`);
    await sleep(300);
    return smtp.to(address);
  }

  /** A header as it was sent (unfolded), from the raw message: what a mail client reads. */
  const header = (mail: ReceivedMail, name: string): string => {
    const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line ? line.slice(name.length + 1).trim() : '';
  };
  const listUnsubscribe = (mail: ReceivedMail) => header(mail, 'list-unsubscribe').replace(/^<|>$/g, '');

  it('emails an invitation to the invited address once, with a link that accepts it', async () => {
    const g = await group();
    const address = uniqueEmail('partner');
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/invitations`)
      .set(g.facilitator.auth)
      .send({ email: address, role: 'member' });
    expect(res.status).toBe(201);
    const [mail] = await mailTo(address);
    expect(smtp.to(address)).toHaveLength(1);
    // Over STARTTLS, authenticated: the relay saw credentials only inside TLS.
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('tansiq');
    const link = `${PUBLIC_URL}${res.body.acceptPath}`;
    expect(mail.parsed.text).toContain(link);
    expect(String(mail.parsed.html)).toContain(link);
    expect(header(mail, 'auto-submitted')).toBe('auto-generated');
    // The link opens a page that says who invited whom to what, before signing in.
    const token = link.split('/invitations/')[1];
    const preview = await t.http().get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ role: 'member', email: address, status: 'pending', invitedBy: 'Test User' });
    expect(preview.body.groupName).toMatch(/^Group /);
    expect((await t.http().get(`/api/invitations/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await t.http().get('/api/invitations/not!a!token')).status).toBe(400);
    const invitee = await registerUser(t, { email: address });
    const accepted = await t.http().post(`/api/invitations/${token}/accept`).set(invitee.auth).send({});
    expect(accepted.status).toBe(200);
    // The token was wiped from the outbox once the email was sent.
    const [row] = await t.db.query(`SELECT payload FROM outgoing_emails WHERE to_address = $1`, [address]);
    expect(row.payload).not.toHaveProperty('sealed');
  });

  it('emails a mention to the member mentioned only, in their language, threaded, with a deep link', async () => {
    const g = await group();
    const outsider = await registerUser(t);
    await atWork(outsider);
    await atWork(g.member, { locale: 'ar' });
    const thread = await createThread(t, g.id, g.facilitator, { title: 'خطة الإحالة' });
    const posted = await postMessage(t, thread.id, g.facilitator, `Please review <@${g.member.id}> <@${outsider.id}>`);
    const [mail] = await mailTo(g.member.email);
    expect(smtp.to(g.member.email)).toHaveLength(1);
    expect(smtp.to(outsider.email)).toHaveLength(0);
    expect(smtp.to(g.facilitator.email)).toHaveLength(0);
    expect(String(mail.parsed.html)).toContain('dir="rtl"');
    expect(mail.parsed.subject).toMatch(/[\u0600-\u06FF]/);
    expect(mail.parsed.text).toContain(
      `${PUBLIC_URL}/groups/${g.id}/threads/${thread.id}?message=${posted.message.id}`,
    );
    expect(mail.parsed.text).toContain('Please review');
    expect(mail.parsed.inReplyTo).toBe(`<thread-${thread.id}@tansiq.example.org>`);
    expect(header(mail, 'list-id')).toContain(`${g.id}.groups.tansiq.example.org`);
    expect(listUnsubscribe(mail)).toMatch(/^https:\/\/tansiq\.example\.org\/api\/mail\/unsubscribe\?token=/);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('emails the author of a message answered, once, and nobody for an answer to oneself', async () => {
    const g = await group();
    const thread = await createThread(t, g.id, g.facilitator);
    const asked = await postMessage(t, thread.id, g.member, 'Who drafts the terms of reference?');
    await postMessage(t, thread.id, g.member, 'I can start on them.', { parentId: asked.message.id });
    const answer = await postMessage(t, thread.id, g.facilitator, 'The working group secretariat.', {
      parentId: asked.message.id,
    });
    const [mail] = await mailTo(g.member.email);
    expect(smtp.to(g.member.email)).toHaveLength(1);
    expect(mail.parsed.text).toContain('The working group secretariat.');
    expect(mail.parsed.text).toContain(`?message=${answer.message.id}`);
    // Answered and mentioned at once: told once, as a mention.
    await postMessage(t, thread.id, g.facilitator, `And you <@${g.member.id}>?`, { parentId: asked.message.id });
    await mailTo(g.member.email, 2);
    expect(smtp.to(g.member.email)).toHaveLength(2);
    expect(smtp.to(g.observer.email)).toHaveLength(0);
  });

  it('emails the person assigned, and again when the due date changes, never the one who made the change', async () => {
    const g = await group();
    const created = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Map the referral pathways', focalPersonId: g.member.id, dueDate: day(20) });
    expect(created.status).toBe(201);
    const [assigned] = await mailTo(g.member.email);
    expect(assigned.parsed.text).toContain('Map the referral pathways');
    expect(assigned.parsed.text).toContain(`${PUBLIC_URL}/actions/${created.body.id}`);
    const moved = await t
      .http()
      .patch(`/api/actions/${created.body.id}`)
      .set(g.facilitator.auth)
      .send({ dueDate: day(30), version: created.body.version });
    expect(moved.status).toBe(200);
    const both = await mailTo(g.member.email, 2);
    expect(both).toHaveLength(2);
    expect(both[1].parsed.inReplyTo).toBe(`<action-${created.body.id}@tansiq.example.org>`);
    expect(smtp.to(g.facilitator.email)).toHaveLength(0);
    expect(smtp.to(g.observer.email)).toHaveLength(0);
  });

  it('emails a due-soon reminder once, however often reminders run', async () => {
    const g = await group();
    const created = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Submit the quarterly figures', focalPersonId: g.facilitator.id, dueDate: day(1) });
    expect(created.status).toBe(201);
    const reminders = t.app.get(RemindersService);
    await reminders.run();
    await reminders.run();
    const [mail] = await mailTo(g.facilitator.email);
    expect(smtp.to(g.facilitator.email)).toHaveLength(1);
    expect(mail.parsed.text).toContain('Submit the quarterly figures');
  });

  it('emails the outcome of a recommendation to every member but the one who closed it', async () => {
    const g = await group();
    const thread = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Open a one-stop shop',
      proposal: 'One office for every permit.',
    });
    // The recommendation itself was emailed to the two members asked for a position.
    await mailTo(g.member.email);
    await mailTo(g.observer.email);
    const closed = await t
      .http()
      .post(`/api/threads/${thread.id}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome: 'adopted', statement: 'Adopted as proposed.' });
    expect(closed.status).toBe(200);
    for (const user of [g.member, g.observer]) {
      const mails = await mailTo(user.email, 2);
      expect(mails).toHaveLength(2);
      expect(mails[1].parsed.text).toContain('Open a one-stop shop');
    }
    expect(smtp.to(g.facilitator.email)).toHaveLength(0);
  });

  it('sends nothing of a kind a reader turned off, and only that kind', async () => {
    const g = await group();
    const off = await t
      .http()
      .put('/api/me/notification-settings')
      .set(g.member.auth)
      .send({ type: 'message.mentioned', delivery: 'in-app' });
    expect(off.status).toBe(200);
    const thread = await createThread(t, g.id, g.facilitator);
    await postMessage(t, thread.id, g.facilitator, `Hello <@${g.member.id}> and <@${g.observer.id}>`);
    await mailTo(g.observer.email);
    expect(smtp.to(g.member.email)).toHaveLength(0);
    // Still told in the app.
    expect((await notificationsOf(t, g.member)).some((n) => n.type === 'message.mentioned')).toBe(true);
    // Another kind still comes by email.
    await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Still emailed', focalPersonId: g.member.id });
    await mailTo(g.member.email);
  });

  it('unsubscribes with the one-click link without signing in, for that reader and kind only; a tampered link is refused', async () => {
    const g = await group();
    const thread = await createThread(t, g.id, g.facilitator);
    await postMessage(t, thread.id, g.facilitator, `First <@${g.member.id}> <@${g.observer.id}>`);
    const [mail] = await mailTo(g.member.email);
    await mailTo(g.observer.email);
    const url = new URL(listUnsubscribe(mail));
    const path = `${url.pathname}${url.search}`;
    const tampered = path.replace(/token=(.)/, (_, c: string) => `token=${c === 'A' ? 'B' : 'A'}`);
    const refused = await t.http().post(tampered).type('form').send('List-Unsubscribe=One-Click');
    expect(refused.status).toBe(400);
    expect(refused.body.details).toContainEqual({ field: 'token', code: 'link-invalid', message: 'is not valid' });
    // GET only asks: link scanners open links.
    const page = await t.http().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post"');
    const done = await t.http().post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    await postMessage(t, thread.id, g.facilitator, `Second <@${g.member.id}> <@${g.observer.id}>`);
    await mailTo(g.observer.email, 2);
    expect(smtp.to(g.member.email)).toHaveLength(1);
    const settings = await t.http().get('/api/me/notification-settings').set(g.member.auth);
    expect(settings.body.types).toContainEqual({ type: 'message.mentioned', delivery: 'in-app', default: 'email' });
  });

  it('holds a non-urgent email until the reader’s working hours, and sends an urgent one at once', async () => {
    const g = await group();
    // Every day is a weekend for this reader: nothing non-urgent can go out now.
    await t
      .http()
      .patch('/api/me')
      .set(g.member.auth)
      .send({ weekendDays: [1, 2, 3, 4, 5, 6], workStartHour: 0, workEndHour: 1 });
    const hour = new Date().getUTCHours();
    await t
      .http()
      .patch('/api/me')
      .set(g.member.auth)
      .send({ timeZone: 'UTC', workStartHour: (hour + 2) % 22, workEndHour: ((hour + 2) % 22) + 1 });
    const thread = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Held until morning',
      proposal: 'Proposed: Held until morning.',
    });
    await mailTo(g.observer.email);
    const [held] = await t.db.query(
      `SELECT e.status, j.start_after > now() AS later FROM outgoing_emails e
         JOIN pgboss.job j ON j.data->>'emailId' = e.id::text
        WHERE e.user_id = $1 AND e.kind = 'recommendation.created'`,
      [g.member.id],
    );
    expect(held).toEqual({ status: 'queued', later: true });
    // A mention does not wait.
    await postMessage(t, thread.id, g.facilitator, `Now please <@${g.member.id}>`);
    const [mail] = await mailTo(g.member.email);
    expect(mail.parsed.subject).toBeTruthy();
  });

  it('retries an email the server deferred (451) and sends it once', async () => {
    const g = await group();
    smtp.refusals.push({ address: g.member.email, code: 451, times: 1 });
    const thread = await createThread(t, g.id, g.facilitator);
    await postMessage(t, thread.id, g.facilitator, `Deferred <@${g.member.id}>`);
    await mailTo(g.member.email);
    expect(smtp.to(g.member.email)).toHaveLength(1);
    const [row] = await t.db.query(
      `SELECT status, attempts FROM outgoing_emails WHERE user_id = $1 AND kind = 'message.mentioned'`,
      [g.member.id],
    );
    expect(row).toEqual({ status: 'sent', attempts: 2 });
  });

  it('fails an email the server refused for good (550) and shows it to the admin only', async () => {
    const g = await group();
    smtp.refusals.push({ address: g.member.email, code: 550, times: 5 });
    const thread = await createThread(t, g.id, g.facilitator);
    await postMessage(t, thread.id, g.facilitator, `Refused <@${g.member.id}>`);
    let failed: { status: string; error: string; attempts: number; to: string } | undefined;
    for (let i = 0; i < 60 && !failed; i += 1) {
      const res = await t.http().get('/api/admin/outgoing-mail').set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.smtp).toBe(true);
      failed = res.body.items.find(
        (item: { to: string; status: string }) => item.to === g.member.email && item.status === 'failed',
      );
      if (!failed) await sleep(250);
    }
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.error).toMatch(/550/);
    expect(smtp.to(g.member.email)).toHaveLength(0);
    expect((await t.http().get('/api/admin/outgoing-mail').set(g.member.auth)).status).toBe(403);
  });

  it('sends the digest at the reader’s hour in their time zone, of what is unread only, and not when empty', async () => {
    const g = await group();
    const zone = 'Asia/Amman';
    const localHour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(new Date()),
    );
    await atWork(g.member, { timeZone: zone, digest: 'daily', digestHour: localHour });
    await atWork(g.observer, { timeZone: zone, digest: 'daily', digestHour: (localHour + 3) % 24 });
    for (const user of [g.member, g.observer]) {
      await t
        .http()
        .put('/api/me/notification-settings')
        .set(user.auth)
        .send({ type: 'recommendation.created', delivery: 'digest' });
    }
    await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Read already',
      proposal: 'Proposed: Read already.',
    });
    const unread = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Still unread',
      proposal: 'Proposed: Still unread.',
    });
    const first = (await notificationsOf(t, g.member)).find((n) => n.subjectId !== unread.id)!;
    await t
      .http()
      .post('/api/notifications/read')
      .set(g.member.auth)
      .send({ ids: [first.id] });
    const digests = t.app.get(DigestService);
    expect(await digests.tick()).toBe(1);
    expect(await digests.tick()).toBe(0);
    const [digest] = await mailTo(g.member.email);
    expect(digest.parsed.text).toContain('Still unread');
    expect(digest.parsed.text).not.toContain('Read already');
    expect(smtp.to(g.member.email)).toHaveLength(1);
    expect(smtp.to(g.observer.email)).toHaveLength(0);
    // Nothing new and unread: no digest, even at the hour.
    await t.db.query('UPDATE users SET last_digest_at = NULL WHERE id = $1', [g.member.id]);
    expect(await digests.tick()).toBe(0);
  });

  it('claims a reader’s digest for a period once, however many nodes ask at the same moment', async () => {
    const reader = await registerUser(t);
    const repository = t.app.get(MailRepository);
    const lastBefore = new Date();
    const claims = await Promise.all(
      [1, 2, 3].map(() => t.db.transaction((tx) => repository.claimDigest(tx, reader.id, lastBefore))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('does not email someone who left the group before the email went out', async () => {
    const g = await group();
    await t
      .http()
      .patch('/api/me')
      .set(g.member.auth)
      .send({ weekendDays: [1, 2, 3, 4, 5, 6, 7].slice(0, 6) });
    const thread = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'After leaving',
      proposal: 'Proposed: After leaving.',
    });
    await mailTo(g.observer.email);
    const removed = await t.http().delete(`/api/groups/${g.id}/members/${g.member.id}`).set(g.facilitator.auth);
    expect(removed.status).toBeLessThan(300);
    // Release the held email now: its job runs, finds the reader gone, and skips it.
    await t.db.query(
      `UPDATE pgboss.job SET start_after = now() WHERE name = 'email.send'
          AND data->>'emailId' IN (SELECT id::text FROM outgoing_emails WHERE user_id = $1)`,
      [g.member.id],
    );
    let status = 'queued';
    for (let i = 0; i < 60 && status === 'queued'; i += 1) {
      [{ status }] = await t.db.query(`SELECT status FROM outgoing_emails WHERE user_id = $1`, [g.member.id]);
      if (status === 'queued') await sleep(250);
    }
    expect(status).toBe('skipped');
    expect(smtp.to(g.member.email)).toHaveLength(0);
    expect(thread.id).toBeTruthy();
  });

  it('refuses bad notification settings with the field named', async () => {
    const res = await t
      .http()
      .put('/api/me/notification-settings')
      .set(admin.auth)
      .send({ type: 'member.invited', delivery: 'sms' });
    expect(res.status).toBe(400);
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['delivery', 'type']);
    const zone = await t.http().patch('/api/me').set(admin.auth).send({ timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.details).toContainEqual(expect.objectContaining({ field: 'timeZone' }));
    const hours = await t.http().patch('/api/me').set(admin.auth).send({ workStartHour: 18, workEndHour: 9 });
    expect(hours.status).toBe(400);
    expect(hours.body.details).toContainEqual(expect.objectContaining({ field: 'workEndHour' }));
  });

  it('emails someone added to a group once, with a link to it', async () => {
    const g = await group();
    const extra = await registerUser(t);
    await atWork(extra);
    await addMember(t, g.id, g.facilitator, extra, 'member');
    const [mail] = await mailTo(extra.email);
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/groups/${g.id}`);
  });
});

/** Without SMTP_URL (the embedded default) every email is an .eml file the admin can read; nothing is sent. */
describe('email without SMTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL, JOB_POLL_SECONDS: '0.5' });
  });

  afterAll(() => t.close());

  it('writes the invitation as a file and shows it to the admin as not sent', async () => {
    const admin = await createAdmin(t);
    const g = await setupGroup(t, { facilitator: admin });
    const address = uniqueEmail('written');
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/invitations`)
      .set(admin.auth)
      .send({ email: address, role: 'observer' });
    expect(res.status).toBe(201);
    let item: { id: string; status: string; written: boolean; to: string; subject: string } | undefined;
    for (let i = 0; i < 60 && !item; i += 1) {
      const list = await t.http().get('/api/admin/outgoing-mail').set(admin.auth);
      expect(list.body.smtp).toBe(false);
      item = list.body.items.find((e: { to: string; status: string }) => e.to === address && e.status === 'written');
      if (!item) await sleep(250);
    }
    expect(item).toMatchObject({ status: 'written', written: true });
    const eml = await t.http().get(`/api/admin/outgoing-mail/${item!.id}/message`).set(admin.auth);
    expect(eml.status).toBe(200);
    expect(eml.text).toContain(`To: ${address}`);
    expect(eml.text).toContain(res.body.token);
    // Removed from DATA_DIR/mail by hand: a 404, not a 500.
    const [{ file }] = await t.db.query('SELECT file FROM outgoing_emails WHERE id = $1', [item!.id]);
    rmSync(join(t.config.mail.outboxDir, file));
    expect((await t.http().get(`/api/admin/outgoing-mail/${item!.id}/message`).set(admin.auth)).status).toBe(404);
  });
});

/** The whole loop: a notification email carries a reply address; answering it posts in the thread, once. */
describe('email and reply by email, end to end', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = new SmtpSink();
    await smtp.start();
    t = await mailingApp(smtp, {
      MAIL_REPLY_DOMAIN: 'reply.example.org',
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('posts the answer to a mention email in the thread, as the reader, without the quoted email', async () => {
    const g = await setupGroup(t);
    await t.http().patch('/api/me').set(g.member.auth).send(ALWAYS_AT_WORK).expect(200);
    const thread = await createThread(t, g.id, g.facilitator, { title: 'Referral pathways' });
    await postMessage(t, thread.id, g.facilitator, `Can you check the figures <@${g.member.id}>?`);
    // Being added to the group may be emailed too: the mention is the one with its text.
    const mention = () => smtp.to(g.member.email).find((m) => (m.parsed.text ?? '').includes('Can you check'));
    await waitFor(() => mention() !== undefined, 15_000, 'the mention email');
    const mail = mention()!;
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^reply\+[0-9a-f]+@reply\.example\.org$/);
    const port = t.app.get(InboundSmtpListener).port()!;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const answer = {
      from: g.member.email,
      to: replyTo,
      subject: `Re: ${mail.parsed.subject}`,
      inReplyTo: mail.parsed.messageId,
      messageId: `<answer-${thread.id}@mail.example.org>`,
      text: `The figures are right.\n\nOn Tue, 1 Dec 2026 at 10:00, Tansiq <tansiq@example.org> wrote:\n> Can you check the figures?\n`,
    };
    await transport.sendMail(answer);
    await transport.sendMail(answer); // the sending server retried: posted once
    transport.close();
    const page = await t.http().get(`/api/threads/${thread.id}/messages`).set(g.member.auth);
    const bodies = (page.body.items as { body: string; author: { id: string } | null }[]).filter(
      (m) => m.author?.id === g.member.id,
    );
    expect(bodies.map((m) => m.body)).toEqual(['The figures are right.']);
  });
});
