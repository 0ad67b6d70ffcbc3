import { randomBytes } from 'node:crypto';
import { nodeEnv, scaled, startNode } from '../support/chaos';
import { PASSWORD, uniqueEmail } from '../support/factories';
import { ServerProcess, stopAllServers } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/sockets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Members told of one new recommendation: one email each (what is checked does not grow with their number). */
const MEMBERS = scaled(9, 24);
/** The node dies while the SMTP server holds this email, before it answers 250. */
const KILL_AT = Math.floor(MEMBERS / 3);

/**
 * Issue 16: a node killed while sending a batch of emails. On restart every email goes out, once: none lost (the
 * jobs of the dead node run again after its heartbeat lapses), none duplicated (an email recorded as sent is never
 * sent again; the one cut off before the server's 250 was not accepted, so it is sent again, once). One SMTP
 * connection, so the kill lands where a sending node spends its time: waiting for the server's answer.
 */
describe('reliability: a node killed while sending email', () => {
  let database: TestDatabase;
  let smtp: SmtpSink;
  let env: Record<string, string>;
  let node: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = new SmtpSink();
    await smtp.start();
    env = nodeEnv(database, {
      SMTP_URL: smtp.url,
      SMTP_CA_FILE: smtp.caFile,
      MAIL_SEND_CONCURRENCY: '1',
      // Loss and duplicates are the point here, not the default 30 s retry delay (README gives that arithmetic).
      MAIL_RETRY_DELAY: '1',
      JOB_POLL_SECONDS: '0.5',
      DATA_DIR: `/tmp/tansiq-email-kill-${randomBytes(4).toString('hex')}`,
    });
    node = await startNode(env);
  }, 120_000);

  afterAll(async () => {
    await stopAllServers();
    await smtp.stop();
    await database.drop();
  });

  async function call(method: string, path: string, token: string | null, body?: unknown) {
    const res = await fetch(`${node!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Registers, follows the confirmation link from the email the sink received, signs in. */
  async function register(): Promise<{ id: string; email: string; token: string }> {
    const email = uniqueEmail('kill');
    await call('POST', '/api/auth/register', null, { email, password: PASSWORD, displayName: 'Member' });
    await waitFor(() => smtp.confirmationsTo(email).length > 0, 30_000, `the confirmation email to ${email}`);
    const link = /\/verify-email\/([A-Za-z0-9_%-]+)/.exec(smtp.confirmationsTo(email)[0].parsed.text ?? '');
    if (!link) throw new Error(`no confirmation link in the email to ${email}`);
    await call('POST', '/api/auth/email-verification/confirm', null, { token: decodeURIComponent(link[1]) });
    const res = await call('POST', '/api/auth/login', null, { email, password: PASSWORD });
    const token = res.accessToken as string;
    // Always at work: nothing waits for working hours.
    await call('PATCH', '/api/me', token, { weekendDays: [], workStartHour: 0, workEndHour: 24 });
    return { id: (res.user as { id: string }).id, email, token };
  }

  /** A group of MEMBERS always-at-work members whose member-added emails have all arrived; its facilitator. */
  async function groupOfMembers(name: string) {
    const facilitator = await register();
    const group = (await call('POST', '/api/groups', facilitator.token, { name, purpose: 'x' })) as { id: string };
    // Registered together: each waits for its own confirmation email, and the worker sends them side by side.
    const members = await Promise.all(Array.from({ length: MEMBERS }, () => register()));
    const start = smtp.received.length;
    for (const member of members) {
      await call('POST', `/api/groups/${group.id}/members`, facilitator.token, { userId: member.id, role: 'member' });
    }
    // Member-added emails first: wait for them all so the batch under test is the recommendation's alone.
    await waitFor(() => smtp.received.length - start >= MEMBERS, 60_000, 'the member-added emails');
    return { group, facilitator, members };
  }

  /**
   * One recommendation to MEMBERS people; `stop` ends the node when the server holds email KILL_AT and says what the
   * server does with that email; the node is started again. Every email must then arrive once.
   */
  async function sendThrough(name: string, stop: (node: ServerProcess) => Promise<'accept' | 'drop'>): Promise<void> {
    const { group, facilitator, members } = await groupOfMembers(name);
    const before = smtp.received.length;
    let stopped = false;
    smtp.onData = async () => {
      if (stopped || smtp.received.length - before < KILL_AT) return 'accept';
      stopped = true;
      return stop(node!);
    };
    await call('POST', `/api/groups/${group.id}/threads`, facilitator.token, {
      title: 'Open a one-stop shop',
      kind: 'recommendation',
      proposal: 'One office for every permit.',
    });
    await waitFor(() => stopped, 60_000, 'the stop mid-batch');
    const stoppedAt = Date.now();
    await waitFor(() => node!.process.exitCode !== null || node!.process.signalCode !== null, 30_000, 'the exit');
    node = await startNode(env);
    await waitFor(() => smtp.received.length - before >= MEMBERS, 120_000, 'every email after the restart');
    console.log(`${name}: all ${MEMBERS} emails sent ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop`);
    await new Promise((r) => setTimeout(r, 2000)); // nothing more arrives late

    const batch = smtp.received.slice(before);
    const perAddress = new Map<string, number>();
    for (const mail of batch) for (const to of mail.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const lost = members.filter((m) => !perAddress.has(m.email));
    const duplicated = [...perAddress.values()].filter((count) => count > 1);
    const messageIds = new Set(batch.map((mail) => mail.parsed.messageId));
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(messageIds.size).toBe(batch.length);
    expect(batch).toHaveLength(MEMBERS);
  }

  it('sends every email once after a SIGKILL mid-batch: 0 lost, 0 duplicated at the SMTP server', async () => {
    // The cut-off email waits for its lost heartbeat (10 s), the next supervision pass (15 s) and its retry delay.
    await sendThrough('killed', async (running) => {
      await running.kill('SIGKILL');
      return 'drop'; // the client is gone before it heard 250: the server does not keep it
    });
  }, 300_000);

  it('sends every email once after a graceful stop mid-batch (SIGTERM): the email in flight is finished', async () => {
    await sendThrough('stopped', async (running) => {
      // Not awaited: the node waits for this very answer before it can exit.
      void running.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      return 'accept';
    });
  }, 300_000);
});
