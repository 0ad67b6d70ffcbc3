import { createHash, randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { InboundSmtpListener } from '../../src/mail/inbound/inbound-smtp.listener';
import { LOOP_HEADER } from '../../src/mail/inbound/mail-rules';
import { ReplyAddresses } from '../../src/mail/reply/reply-addresses';
import { createTestApp, TestApp } from '../support/test-app';
import {
  createThread,
  PASSWORD,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { sleep } from '../support/sockets';

const REPLY_DOMAIN = 'reply.example.org';
const OUR_FROM = 'Tansiq <tansiq@example.org>';
const BUDGET = 5;

interface Delivery {
  /** 250 when accepted, else the SMTP code of the refusal. */
  code: number;
  messageId: string;
}

describe('reply by email', () => {
  let t: TestApp;
  let addresses: ReplyAddresses;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
      MAIL_REPLY_DOMAIN: REPLY_DOMAIN,
      MAIL_FROM: OUR_FROM,
      WRITE_RATE_LIMIT: String(BUDGET),
    });
    addresses = t.app.get(ReplyAddresses);
    port = t.app.get(InboundSmtpListener).port()!;
  });
  afterAll(() => t.close());

  async function send(
    to: string,
    from: string,
    text: string,
    headers: Record<string, string> = {},
    messageId = `<${randomBytes(8).toString('hex')}@mail.example.net>`,
  ): Promise<Delivery> {
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ from, to, subject: 'Re: A discussion', text, headers, messageId });
      return { code: 250, messageId };
    } catch (error) {
      return { code: (error as { responseCode?: number }).responseCode ?? 0, messageId };
    } finally {
      transport.close();
    }
  }

  const messageCount = async (threadId: string) =>
    Number((await t.db.query('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId]))[0].n);

  const logOf = async (delivery: Delivery) => {
    const hash = createHash('sha256').update(delivery.messageId).digest('hex');
    return (await t.db.query(
      `SELECT status, reason, user_id AS "userId", thread_id AS "threadId", posted_message_id AS "postedMessageId"
         FROM inbound_emails WHERE message_id_hash = $1 ORDER BY received_at`,
      [hash],
    )) as { status: string; reason: string | null; userId: string | null; threadId: string | null }[];
  };

  /** A group, a thread in it, and the member's reply address for it. */
  async function scene(): Promise<{ g: TestGroup; threadId: string; address: string }> {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.facilitator);
    const address = (await addresses.addressFor(g.member.id, thread.id))!;
    return { g, threadId: thread.id, address };
  }

  async function expectRefused(delivery: Delivery, threadId: string, code: number, reason: string) {
    expect(delivery.code).toBe(code);
    expect(await messageCount(threadId)).toBe(0);
    expect(await logOf(delivery)).toEqual([expect.objectContaining({ status: 'refused', reason })]);
  }

  const messagesAs = async (user: TestUser, threadId: string) =>
    (await t.http().get(`/api/threads/${threadId}/messages`).set(user.auth)).body.items as {
      id: string;
      body: string;
      author: { id: string } | null;
    }[];

  it('gives a lowercase hex reply address that stays the same while it works', async () => {
    const { g, threadId, address } = await scene();
    expect(address).toMatch(new RegExp(`^reply\\+[0-9a-f]{48}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(await addresses.addressFor(g.member.id, threadId)).toBe(address);
    expect(await addresses.addressFor(g.observer.id, threadId)).not.toBe(address);
    const key = address.slice('reply+'.length, address.indexOf('@'));
    expect(await addresses.resolve(key)).toEqual({ userId: g.member.id, threadId });
    expect(await addresses.resolve(key.toUpperCase())).toEqual({ userId: g.member.id, threadId });
    const stored = await t.db.query('SELECT key_hash FROM mail_reply_keys WHERE user_id = $1', [g.member.id]);
    expect(JSON.stringify(stored)).not.toContain(key);
  });

  it('posts an English reply once, as its sender, into its thread, without the quote and the signature', async () => {
    const { g, threadId, address } = await scene();
    const text = [
      'Thanks, I agree with the timeline.',
      '',
      '-- ',
      'Member of the group',
      '',
      `On Mon, Dec 1, 2026 at 10:00 AM ${OUR_FROM} wrote:`,
      '> A new message in A discussion',
    ].join('\n');
    const delivery = await send(address, g.member.email.toUpperCase(), text);
    expect(delivery.code).toBe(250);
    const items = await messagesAs(g.facilitator, threadId);
    expect(items.map((m) => [m.body, m.author?.id])).toEqual([['Thanks, I agree with the timeline.', g.member.id]]);
    expect(await logOf(delivery)).toEqual([
      { status: 'posted', reason: null, userId: g.member.id, threadId, postedMessageId: items[0].id },
    ]);
  });

  it('posts an Arabic reply without its quote header and quoted text', async () => {
    const { g, threadId, address } = await scene();
    const text =
      'أوافق على الجدول الزمني.\n\nفي الاثنين، ١ ديسمبر ٢٠٢٦ ١٠:٠٠ ص، كتب Tansiq <tansiq@example.org>:\n> رسالة جديدة';
    expect((await send(address, g.member.email, text)).code).toBe(250);
    expect((await messagesAs(g.member, threadId)).map((m) => m.body)).toEqual(['أوافق على الجدول الزمني.']);
  });

  it('posts a delivery retried with the same Message-ID once', async () => {
    const { g, threadId, address } = await scene();
    const first = await send(address, g.member.email, 'Once only');
    const again = await send(address, g.member.email, 'Once only', {}, first.messageId);
    expect([first.code, again.code]).toEqual([250, 250]);
    expect(await messageCount(threadId)).toBe(1);
  });

  it('refuses a recipient that is not a reply address at RCPT', async () => {
    const { g, threadId } = await scene();
    const delivery = await send(`someone@${REPLY_DOMAIN}`, g.member.email, 'Hello');
    expect(delivery.code).toBe(550);
    expect(await logOf(delivery)).toEqual([]);
    expect(await messageCount(threadId)).toBe(0);
  });

  it('refuses a forged key', async () => {
    const { g, threadId } = await scene();
    const delivery = await send(`reply+${'ab'.repeat(24)}@${REPLY_DOMAIN}`, g.member.email, 'Hello');
    await expectRefused(delivery, threadId, 550, 'unknown-key');
  });

  it('refuses an expired key', async () => {
    const { g, threadId, address } = await scene();
    await t.db.query(`UPDATE mail_reply_keys SET expires_at = now() - interval '1 day' WHERE user_id = $1`, [
      g.member.id,
    ]);
    await expectRefused(await send(address, g.member.email, 'Hello'), threadId, 550, 'expired-key');
    // The next email carries a new address; the expired one stays dead.
    const renewed = (await addresses.addressFor(g.member.id, threadId))!;
    expect(renewed).not.toBe(address);
    expect((await send(renewed, g.member.email, 'Hello again')).code).toBe(250);
  });

  it("refuses a key revoked by a password change on another of the user's sessions", async () => {
    const { g, threadId, address } = await scene();
    const login = await t.http().post('/api/auth/login').send({ email: g.member.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const change = await t
      .http()
      .patch('/api/me')
      .set(g.member.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'a different horse battery staple' });
    expect(change.status).toBe(200);
    await waitForRevoked(g.member.id);
    await expectRefused(await send(address, g.member.email, 'Hello'), threadId, 550, 'revoked-key');
  });

  it('refuses a key revoked when its user was removed from the group', async () => {
    const { g, threadId, address } = await scene();
    const removed = await t.http().delete(`/api/groups/${g.id}/members/${g.member.id}`).set(g.facilitator.auth);
    expect(removed.status).toBe(204);
    await waitForRevoked(g.member.id);
    await expectRefused(await send(address, g.member.email, 'Hello'), threadId, 550, 'revoked-key');
  });

  it('refuses a sender who is not a member, and one who may only read', async () => {
    const { g, threadId } = await scene();
    const outsider = await registerUser(t);
    const outsiderAddress = (await addresses.addressFor(outsider.id, threadId))!;
    await expectRefused(await send(outsiderAddress, outsider.email, 'Hello'), threadId, 550, 'not-allowed');
    const observerAddress = (await addresses.addressFor(g.observer.id, threadId))!;
    await expectRefused(await send(observerAddress, g.observer.email, 'Hello'), threadId, 550, 'not-allowed');
  });

  it('refuses mail whose From is not the address the email went to', async () => {
    const { g, threadId, address } = await scene();
    await expectRefused(await send(address, g.facilitator.email, 'Hello'), threadId, 550, 'sender-mismatch');
  });

  it('accepts and drops auto-replies and bulk mail, so no bounce can loop', async () => {
    const { g, threadId, address } = await scene();
    const autoReply = await send(address, g.member.email, 'I am away', { 'Auto-Submitted': 'auto-replied' });
    await expectRefused(autoReply, threadId, 250, 'auto-reply');
    const bulk = await send(address, g.member.email, 'Newsletter', { Precedence: 'bulk' });
    await expectRefused(bulk, threadId, 250, 'bulk-precedence');
  });

  it('accepts and drops our own email coming back', async () => {
    const { g, threadId, address } = await scene();
    const marked = await send(address, g.member.email, 'Looped', { [LOOP_HEADER]: '1' });
    await expectRefused(marked, threadId, 250, 'loop-header');
    await expectRefused(await send(address, OUR_FROM, 'Looped'), threadId, 250, 'loop-from');
  });

  it('refuses a reply that is empty once the quote is removed, and one over the message length', async () => {
    const { g, threadId, address } = await scene();
    const empty = await send(address, g.member.email, '\n\nOn Mon, 1 Dec 2026, Tansiq <t@example.org> wrote:\n> hi');
    await expectRefused(empty, threadId, 550, 'empty');
    const long = await send(address, g.member.email, 'word '.repeat(2_100));
    await expectRefused(long, threadId, 552, 'too-long');
  });

  it('asks the sending server to retry later when the user is over their message budget', async () => {
    const { g, threadId, address } = await scene();
    const other = await createThread(t, g.id, g.facilitator);
    for (let i = 0; i < BUDGET; i += 1) await postMessage(t, other.id, g.member, `Message ${i}`);
    await expectRefused(await send(address, g.member.email, 'One too many'), threadId, 451, 'over-budget');
  });

  /** Revocation follows the change's commit (a domain event): wait for it, do not assume it. */
  async function waitForRevoked(userId: string) {
    const deadline = Date.now() + 3000;
    for (;;) {
      const rows: { revoked_at: Date | null }[] = await t.db.query(
        'SELECT revoked_at FROM mail_reply_keys WHERE user_id = $1',
        [userId],
      );
      if (rows.length > 0 && rows.every((r) => r.revoked_at !== null)) return;
      if (Date.now() > deadline) throw new Error('timed out waiting for the reply keys to be revoked');
      await sleep(10);
    }
  }
});
