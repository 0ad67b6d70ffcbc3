import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { addMember, createThread, registerUser, setupGroup } from '../support/factories';
import { connect, openSocket, recordEvents, refusal, TestSocket, waitFor } from '../support/sockets';

const clientId = () => randomBytes(12).toString('base64url');

describe('socket writes', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '1000', SOCKET_EVENT_RATE_LIMIT: '100000' });
    url = await t.listen();
    await registerUser(t);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  const messageCount = async (threadId: string) =>
    Number((await t.db.query('SELECT count(*)::int AS n FROM messages WHERE thread_id = $1', [threadId]))[0].n);

  it('acknowledges message.send after commit with the stored message and its seq, and pushes it to members', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const sender = await open(g.member.accessToken);
    const listener = await open(g.observer.accessToken);
    const events = recordEvents(listener);
    const ack = await sender.emitWithAck('message.send', {
      threadId: thread.id,
      body: 'Over the **socket**',
      clientId: clientId(),
    });
    expect(ack).toMatchObject({
      ok: true,
      data: { message: { body: 'Over the **socket**', bodyHtml: '<p>Over the <strong>socket</strong></p>' } },
    });
    const { data } = ack as unknown as { data: { seq: number; message: { id: string; seq: number } } };
    expect(data.message.seq).toBe(data.seq);
    const stored = await t.http().get(`/api/threads/${thread.id}/messages`).set(g.member.auth);
    expect(stored.body.items.map((m: { id: string }) => m.id)).toContain(data.message.id);
    await waitFor(
      () => events.some((e) => e.type === 'message.created' && e.seq === data.seq),
      2000,
      'the live message',
    );
  });

  it('a retry with the same client id creates one message and gets an identical acknowledgement', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const socket = await open(g.member.accessToken);
    const id = clientId();
    const send = () => socket.emitWithAck('message.send', { threadId: thread.id, body: 'once', clientId: id });
    const first = await send();
    const retries = await Promise.all([send(), send(), send()]);
    for (const retry of retries) expect(retry).toEqual(first);
    const viaRest = await t
      .http()
      .post(`/api/threads/${thread.id}/messages`)
      .set(g.member.auth)
      .send({ body: 'once', clientId: id });
    expect(viaRest.body).toEqual((first as unknown as { data: unknown }).data);
    expect(await messageCount(thread.id)).toBe(1);
  });

  it('100 concurrent pairs sharing a client id create 100 messages, each pair answered identically', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const a = await open(g.member.accessToken);
    const b = await open(g.member.accessToken);
    const ids = [...Array(100)].map(clientId);
    const answers = await Promise.all(
      ids.map((id, i) =>
        Promise.all(
          [a, b].map((s) => s.emitWithAck('message.send', { threadId: thread.id, body: `pair ${i}`, clientId: id })),
        ),
      ),
    );
    for (const [first, second] of answers) {
      expect(first).toMatchObject({ ok: true });
      expect(second).toEqual(first);
    }
    expect(await messageCount(thread.id)).toBe(100);
  });

  it('concurrent sends from many clients keep the group seq gap-free and deliver every message once', async () => {
    const g = await setupGroup(t);
    const writers = await Promise.all([...Array(6)].map(() => registerUser(t)));
    for (const w of writers) await addMember(t, g.id, g.facilitator, w, 'member');
    const thread = await createThread(t, g.id, g.member);
    const watcher = await open(g.observer.accessToken);
    const events = recordEvents(watcher);
    const before = (await t.http().get(`/api/groups/${g.id}`).set(g.member.auth)).body.lastSeq;
    const senders = await Promise.all(writers.map((w) => open(w.accessToken)));
    const acks = await Promise.all(
      senders.flatMap((s, w) =>
        [...Array(10)].map((_, i) =>
          s.emitWithAck('message.send', { threadId: thread.id, body: `w${w} m${i}`, clientId: clientId() } as never),
        ),
      ),
    );
    const seqs = acks.map((ack) => (ack as unknown as { data: { seq: number } }).data.seq).sort((x, y) => x - y);
    expect(seqs).toEqual([...Array(60).keys()].map((i) => before + 1 + i));
    await waitFor(() => events.filter((e) => e.type === 'message.created').length === 60, 3000, 'sixty live messages');
    await new Promise((r) => setTimeout(r, 200));
    const live = events.filter((e) => e.type === 'message.created').map((e) => e.seq);
    expect(new Set(live).size).toBe(60);
    expect([...live].sort((x, y) => x - y)).toEqual(seqs);
    const caughtUp = await t.http().get(`/api/groups/${g.id}/events?after=${before}&limit=100`).set(g.observer.auth);
    expect(caughtUp.body.events.map((e: { seq: number }) => e.seq)).toEqual(seqs);
  });

  it('answers invalid sends with the field named, and an observer with 403', async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const member = await open(g.member.accessToken);
    const bad = await member.emitWithAck('message.send', {
      threadId: thread.id,
      body: '',
      clientId: 'x',
      author: 'spoof',
    } as unknown as { threadId: string; body: string });
    expect(bad).toMatchObject({ ok: false, error: { statusCode: 400 } });
    const fields = (bad as unknown as { error: { details: { field: string }[] } }).error.details
      .map((d) => d.field)
      .sort();
    expect(fields).toEqual(['author', 'body', 'clientId']);
    const observer = await open(g.observer.accessToken);
    const refused = await observer.emitWithAck('message.send', {
      threadId: thread.id,
      body: 'hi',
      clientId: clientId(),
    });
    expect(refused).toMatchObject({ ok: false, error: { statusCode: 403 } });
    const stranger = await open((await registerUser(t)).accessToken);
    const hidden = await stranger.emitWithAck('message.send', {
      threadId: thread.id,
      body: 'hi',
      clientId: clientId(),
    });
    expect(hidden).toMatchObject({ ok: false, error: { statusCode: 404 } });
  });
});

describe('socket write rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WRITE_RATE_LIMIT: '5' });
  });
  afterAll(() => t.close());

  it('holds a user to the configured number of sends per minute', async () => {
    const url = await t.listen();
    await registerUser(t);
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const socket = await connect(url, g.member.accessToken);
    const answers: Awaited<ReturnType<typeof socket.emitWithAck<'message.send'>>>[] = [];
    for (let i = 0; i < 8; i += 1) {
      answers.push(
        await socket.emitWithAck('message.send', { threadId: thread.id, body: `n${i}`, clientId: clientId() } as never),
      );
    }
    socket.disconnect();
    const statuses = answers.map((a) =>
      (a as unknown as { ok: boolean }).ok
        ? 'ok'
        : (a as unknown as { error: { statusCode: number } }).error.statusCode,
    );
    expect(statuses).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 429, 429, 429]);
  });
});

describe('socket event limits per user', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];
  const open = async (token: string) => {
    const socket = await connect(url, token);
    sockets.push(socket);
    return socket;
  };
  beforeAll(async () => {
    t = await createTestApp({ SOCKET_EVENT_RATE_LIMIT: '10', MAX_SOCKETS_PER_USER: '3' });
    url = await t.listen();
    await registerUser(t);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  const status = (answer: unknown) => {
    const a = answer as { ok: boolean; error?: { statusCode: number } };
    return a.ok ? 'ok' : a.error?.statusCode;
  };

  it('holds sync and presence.get to one budget per user, shared by all of the user’s sockets', async () => {
    const g = await setupGroup(t);
    const [a, b] = [await open(g.member.accessToken), await open(g.member.accessToken)];
    const answers: unknown[] = [];
    for (let i = 0; i < 8; i += 1) {
      answers.push(await a.emitWithAck('presence.get', { groupId: g.id }));
      answers.push(await b.emitWithAck('sync', { groupId: g.id, after: 0 }));
    }
    const statuses = answers.map(status);
    expect(statuses.filter((s) => s === 'ok')).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429, 429]);
    // Another user's budget is their own.
    const other = await open(g.observer.accessToken);
    expect(status(await other.emitWithAck('presence.get', { groupId: g.id }))).toBe('ok');
  });

  it('relays typing once per user however many sockets the user types from', async () => {
    const g = await setupGroup(t);
    const listener = await open(g.facilitator.accessToken);
    let relayed = 0;
    listener.on('typing', () => (relayed += 1));
    const typists = [
      await open(g.member.accessToken),
      await open(g.member.accessToken),
      await open(g.member.accessToken),
    ];
    for (const s of typists) s.emit('typing', { groupId: g.id });
    await waitFor(() => relayed > 0, 2000, 'the first typing relay');
    await new Promise((r) => setTimeout(r, 300));
    expect(relayed).toBe(1);
  });

  it('refuses a socket over MAX_SOCKETS_PER_USER with a 429 that says why, and accepts one again after a close', async () => {
    const user = await registerUser(t);
    const first = await open(user.accessToken);
    await open(user.accessToken);
    await open(user.accessToken);
    const extra = openSocket(url, user.accessToken);
    sockets.push(extra);
    const error = (await refusal(extra)) as Error & { data?: { statusCode: number; code: string } };
    expect(error.message).toMatch(/Too many connections: at most 3/);
    expect(error.data).toMatchObject({ statusCode: 429, code: 'too-many-sockets' });
    first.disconnect();
    await waitFor(() => !first.connected, 1000, 'the first socket closed');
    await new Promise((r) => setTimeout(r, 100));
    await open(user.accessToken);
  });
});
