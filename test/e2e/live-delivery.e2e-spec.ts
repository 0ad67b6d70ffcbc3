import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import { addMember, createThread, registerUser, setupGroup, TestUser } from '../support/factories';
import { connect, openSocket, recordEvents, refusal, sleep, TestSocket, waitFor } from '../support/sockets';

describe('live delivery', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];
  const track = (socket: TestSocket) => (sockets.push(socket), socket);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => t.close());

  const touch = (groupId: string, by: TestUser, purpose: string) =>
    t.http().patch(`/api/groups/${groupId}`).set(by.auth).send({ purpose });

  describe('handshake', () => {
    it('refuses a socket without a token, with a clear reason', async () => {
      const error = await refusal(track(openSocket(url, undefined)));
      expect(error.message).toMatch(/no token/);
    });

    it('refuses a token passed in the query string', async () => {
      const user = await registerUser(t);
      const error = await refusal(track(openSocket(url, undefined, { query: { token: user.accessToken } })));
      expect(error.message).toMatch(/no token/);
    });

    it('refuses an invalid token and a logged-out session', async () => {
      const user = await registerUser(t);
      expect((await refusal(track(openSocket(url, 'not.a.token')))).message).toMatch(/invalid or expired/);
      await t.http().post('/api/auth/logout').set(user.auth);
      expect((await refusal(track(openSocket(url, user.accessToken)))).message).toMatch(/session has ended/);
    });

    it('refuses a foreign Origin and accepts an allowed one', async () => {
      const user = await registerUser(t);
      const foreign = track(
        openSocket(url, user.accessToken, {
          extraHeaders: { Origin: 'https://evil.example' },
          transports: ['polling'],
        }),
      );
      await expect(refusal(foreign)).resolves.toBeInstanceOf(Error);
      const allowed = track(
        openSocket(url, user.accessToken, {
          extraHeaders: { Origin: t.config.corsOrigins[0] },
          transports: ['polling'],
        }),
      );
      await expect(new Promise((resolve) => allowed.once('connect', () => resolve(true)))).resolves.toBe(true);
    });
  });

  it('pushes a group change to its members with the envelope and seq', async () => {
    const g = await setupGroup(t);
    const member = track(await connect(url, g.member.accessToken));
    const events = recordEvents(member);
    const res = await touch(g.id, g.facilitator, 'Live');
    await waitFor(() => events.length === 1, 2000, 'the group.updated event');
    expect(events[0]).toMatchObject({
      groupId: g.id,
      type: 'group.updated',
      seq: res.body.lastSeq,
      data: { purpose: 'Live' },
    });
    expect(typeof events[0].at).toBe('string');
  });

  it("pushes a facilitator's pin as thread.pinned, the same in catch-up; an edit with it stays thread.updated", async () => {
    const g = await setupGroup(t);
    const thread = await createThread(t, g.id, g.member);
    const member = track(await connect(url, g.member.accessToken));
    const events = recordEvents(member);
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/threads/${thread.id}`).set(g.facilitator.auth).send(body).expect(200);
    await patch({ pinned: true });
    await patch({ pinned: false });
    await patch({ pinned: true, title: 'Pinned and renamed' });
    await waitFor(() => events.length === 3, 2000, 'three thread events');
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['thread.pinned', expect.objectContaining({ id: thread.id, pinned: true })],
      ['thread.pinned', expect.objectContaining({ id: thread.id, pinned: false })],
      ['thread.updated', expect.objectContaining({ id: thread.id, pinned: true, title: 'Pinned and renamed' })],
    ]);
    const feed = await t
      .http()
      .get(`/api/groups/${g.id}/events?after=${events[0].seq - 1}`)
      .set(g.observer.auth);
    expect(feed.body.events).toEqual(events);
  });

  it('pushes nothing of a write that rolls back after appending to the feed', async () => {
    const g = await setupGroup(t);
    const member = track(await connect(url, g.member.accessToken));
    const events = recordEvents(member);
    // The thread's feed event is appended before its opening message fails validation (too many mentions).
    const tooMany = Array.from({ length: t.config.maxMentions + 1 }, () => `<@${randomUUID()}>`).join(' ');
    const refused = await t
      .http()
      .post(`/api/groups/${g.id}/threads`)
      .set(g.facilitator.auth)
      .send({ title: 'Never', kind: 'discussion', body: tooMany });
    expect(refused.status).toBe(400);
    await touch(g.id, g.facilitator, 'After the refusal');
    await waitFor(() => events.length === 1, 2000, 'the group.updated event');
    expect(events.map((e) => e.type)).toEqual(['group.updated']);
  });

  it('delivers nothing to a non-member or a member of another group, whatever they ask for', async () => {
    const g = await setupGroup(t);
    const other = await setupGroup(t);
    const stranger = await registerUser(t);
    const member = track(await connect(url, g.member.accessToken));
    const outsiders = [
      track(await connect(url, stranger.accessToken)),
      track(await connect(url, other.member.accessToken)),
    ];
    const memberEvents = recordEvents(member);
    const leaked = outsiders.map(recordEvents);
    for (const socket of outsiders) {
      // No client event joins a room; catch-up and presence are refused like REST.
      (socket as unknown as { emit: (...a: unknown[]) => void }).emit('join', `group:${g.id}`);
      (socket as unknown as { emit: (...a: unknown[]) => void }).emit('subscribe', { groupId: g.id });
      const sync = await socket.emitWithAck('sync', { groupId: g.id, after: 0 });
      expect(sync).toMatchObject({ ok: false, error: { statusCode: 404 } });
      const presence = await socket.emitWithAck('presence.get', { groupId: g.id });
      expect(presence).toMatchObject({ ok: false, error: { statusCode: 404 } });
    }
    for (let i = 0; i < 10; i += 1) await touch(g.id, g.facilitator, `Change ${i}`);
    await waitFor(() => memberEvents.length === 10, 3000, 'ten events at the member');
    await sleep(200);
    expect(memberEvents.map((e) => e.seq)).toEqual([...Array(10).keys()].map((i) => memberEvents[0].seq + i));
    expect(leaked.map((events) => events.filter((e) => e.groupId === g.id).length)).toEqual([0, 0]);
  });

  it('a removed member stops receiving within a second; an added member starts at once', async () => {
    const g = await setupGroup(t);
    const newcomer = await registerUser(t);
    const removed = track(await connect(url, g.observer.accessToken));
    const added = track(await connect(url, newcomer.accessToken));
    const removedEvents = recordEvents(removed);
    const addedEvents = recordEvents(added);

    await t.http().delete(`/api/groups/${g.id}/members/${g.observer.id}`).set(g.facilitator.auth);
    await addMember(t, g.id, g.facilitator, newcomer, 'member');
    await waitFor(() => removedEvents.some((e) => e.type === 'member.removed'), 1000, 'the removal notice');
    await waitFor(() => addedEvents.some((e) => e.type === 'member.added'), 1000, 'the arrival');
    const after = removedEvents.length;
    await touch(g.id, g.facilitator, 'After the removal');
    await waitFor(() => addedEvents.some((e) => e.type === 'group.updated'), 1000, 'the newcomer receiving');
    await sleep(300);
    expect(removedEvents.slice(after)).toEqual([]);
  });

  it('after a disconnect, catch-up from the last seq yields exactly what was missed, in order', async () => {
    const g = await setupGroup(t);
    const socket = track(await connect(url, g.member.accessToken));
    const events = recordEvents(socket);
    await touch(g.id, g.facilitator, 'Before');
    await waitFor(() => events.length === 1, 2000, 'the first event');
    const lastSeq = events[0].seq;
    socket.disconnect();
    for (let i = 0; i < 50; i += 1) await touch(g.id, g.facilitator, `Missed ${i}`);

    const back = track(await connect(url, g.member.accessToken));
    const live = recordEvents(back);
    const caughtUp = await back.emitWithAck('sync', { groupId: g.id, after: lastSeq });
    expect(caughtUp.ok).toBe(true);
    if (!caughtUp.ok) return;
    expect(caughtUp.data.resync).toBe(false);
    expect(caughtUp.data.events.map((e) => e.seq)).toEqual([...Array(50).keys()].map((i) => lastSeq + 1 + i));
    expect(caughtUp.data.events.map((e) => (e.data as { purpose: string }).purpose)).toEqual(
      [...Array(50).keys()].map((i) => `Missed ${i}`),
    );
    expect(live).toEqual([]);
    const rest = await t.http().get(`/api/groups/${g.id}/events?after=${lastSeq}&limit=20`).set(g.member.auth);
    expect(rest.body.events).toHaveLength(20);
    expect(rest.body.hasMore).toBe(true);
    expect(rest.body.events.map((e: { seq: number }) => e.seq)).toEqual(
      caughtUp.data.events.slice(0, 20).map((e) => e.seq),
    );
  });

  it('tells a client to resync when its cursor is older than what is kept', async () => {
    const g = await setupGroup(t);
    for (let i = 0; i < 3; i += 1) await touch(g.id, g.facilitator, `Old ${i}`);
    await t.db.query(`UPDATE group_events SET created_at = now() - interval '400 days' WHERE group_id = $1`, [g.id]);
    await touch(g.id, g.facilitator, 'Kept');
    const { ChangeFeedService } = await import('../../src/events/change-feed.service');
    expect(await t.app.get(ChangeFeedService).prune()).toBeGreaterThanOrEqual(5);
    const stale = await t.http().get(`/api/groups/${g.id}/events?after=1`).set(g.member.auth);
    expect(stale.body).toMatchObject({ resync: true, events: [] });
    const current = await t
      .http()
      .get(`/api/groups/${g.id}/events?after=${stale.body.lastSeq - 1}`)
      .set(g.member.auth);
    expect(current.body).toMatchObject({ resync: false });
    expect(current.body.events).toHaveLength(1);
  });

  it('logout and a password change disconnect the sessions they end', async () => {
    const user = await registerUser(t);
    const other = await t.http().post('/api/auth/login').send({ email: user.email, password: 'correct horse battery' });
    const first = track(await connect(url, user.accessToken));
    const second = track(await connect(url, other.body.accessToken));
    await t.http().post('/api/auth/logout').set(user.auth);
    await waitFor(() => !first.connected, 2000, 'the logged-out socket to close');
    expect(second.connected).toBe(true);
    const third = await t.http().post('/api/auth/login').send({ email: user.email, password: 'correct horse battery' });
    await t
      .http()
      .patch('/api/me')
      .set('Authorization', `Bearer ${third.body.accessToken}`)
      .send({ newPassword: 'another long password', currentPassword: 'correct horse battery' });
    await waitFor(() => !second.connected, 2000, 'the other session to close');
  });

  it('presence lists who is online in a group, across their sockets', async () => {
    const g = await setupGroup(t);
    const facilitator = track(await connect(url, g.facilitator.accessToken));
    const seen: { userId: string; online: boolean }[] = [];
    facilitator.on('presence', (p) => p.groupId === g.id && seen.push(p));
    const member = track(await connect(url, g.member.accessToken));
    await waitFor(() => seen.some((p) => p.userId === g.member.id && p.online), 2000, 'the member online');
    const list = await facilitator.emitWithAck('presence.get', { groupId: g.id });
    expect(list).toEqual({ ok: true, data: { userIds: [g.facilitator.id, g.member.id].sort() } });
    member.disconnect();
    await waitFor(() => seen.some((p) => p.userId === g.member.id && !p.online), 2000, 'the member offline');
  });

  it('relays typing to the other members and not from an observer', async () => {
    const g = await setupGroup(t);
    const facilitator = track(await connect(url, g.facilitator.accessToken));
    const typing: string[] = [];
    facilitator.on('typing', (x) => typing.push(x.userId));
    const member = track(await connect(url, g.member.accessToken));
    const observer = track(await connect(url, g.observer.accessToken));
    observer.emit('typing', { groupId: g.id });
    member.emit('typing', { groupId: g.id });
    member.emit('typing', { groupId: g.id }); // throttled
    await waitFor(() => typing.length >= 1, 2000, 'typing');
    await sleep(200);
    expect(typing).toEqual([g.member.id]);
  });

  it('answers invalid socket payloads in the JSON error shape, naming the field', async () => {
    const user = await registerUser(t);
    const socket = track(await connect(url, user.accessToken));
    const answer = await socket.emitWithAck('sync', { groupId: 'nope', after: -1, extra: true } as never);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.statusCode).toBe(400);
    expect(answer.error.details?.map((d) => d.field).sort()).toEqual(['after', 'extra', 'groupId']);
  });

  describe('notifications', () => {
    it('store type and data (ids and names at the time), never prose, and push them as stored', async () => {
      const g = await setupGroup(t, {
        facilitator: await registerUser(t, { displayName: 'Farah' }),
        member: await registerUser(t, { displayName: 'Mona' }),
      });
      const newcomer = await registerUser(t);
      const socket = track(await connect(url, newcomer.accessToken));
      const pushed: { type: string; data: unknown; unreadCount: number }[] = [];
      socket.on('notification', (n) => pushed.push(n));
      await addMember(t, g.id, g.facilitator, newcomer, 'observer');
      const thread = await createThread(t, g.id, g.member, { title: 'Where we meet' });
      await t
        .http()
        .post(`/api/threads/${thread.id}/messages`)
        .set(g.member.auth)
        .send({ body: `Your view, <@${newcomer.id}>?` })
        .expect(201);
      await waitFor(() => pushed.length === 2, 2000, 'two notifications');
      const group = (await t.http().get(`/api/groups/${g.id}`).set(g.facilitator.auth)).body;
      const list = (await t.http().get('/api/notifications').set(newcomer.auth)).body.items;
      expect(list.map((n: { type: string; data: unknown }) => [n.type, n.data])).toEqual([
        [
          'message.mentioned',
          {
            groupName: group.name,
            actorId: g.member.id,
            actorName: 'Mona',
            threadId: thread.id,
            threadTitle: 'Where we meet',
          },
        ],
        ['member.added', { groupName: group.name, actorId: g.facilitator.id, actorName: 'Farah', role: 'observer' }],
      ]);
      expect(list.every((n: object) => !('text' in n))).toBe(true);
      expect(pushed.map(({ unreadCount: _count, ...n }) => n)).toEqual([...list].reverse());
    });

    it('are stored and pushed live with the unread count, and respect preferences', async () => {
      const g = await setupGroup(t);
      const invitee = await registerUser(t);
      // Only an account already in another group (not its own) hears of an invitation in-app: emails are not verified.
      const other = await setupGroup(t);
      await addMember(t, other.id, other.facilitator, invitee, 'member');
      const unreadCount = async () =>
        (await t.http().get('/api/notifications/unread-count').set(invitee.auth)).body.unreadCount as number;
      for (let tries = 0; (await unreadCount()) !== 1; tries += 1) {
        if (tries > 100) throw new Error('timed out waiting for the notice of the other group');
        await sleep(20);
      }
      await t.http().post('/api/notifications/read').set(invitee.auth).send({ all: true }).expect(200);
      const socket = track(await connect(url, invitee.accessToken));
      const pushed: { type: string; unreadCount: number }[] = [];
      socket.on('notification', (n) => pushed.push(n));
      await t
        .http()
        .post(`/api/groups/${g.id}/invitations`)
        .set(g.facilitator.auth)
        .send({ email: invitee.email, role: 'member' });
      await addMember(t, g.id, g.facilitator, invitee, 'observer');
      await waitFor(() => pushed.length === 2, 2000, 'two notifications');
      expect(pushed.map((n) => [n.type, n.unreadCount])).toEqual([
        ['member.invited', 1],
        ['member.added', 2],
      ]);
      const list = await t.http().get('/api/notifications?unread=true').set(invitee.auth);
      expect(list.body.items.map((n: { type: string }) => n.type)).toEqual(['member.added', 'member.invited']);
      expect(list.body.unreadCount).toBe(2);
      const read = await t
        .http()
        .post('/api/notifications/read')
        .set(invitee.auth)
        .send({ ids: [list.body.items[0].id] });
      expect(read.body).toEqual({ unreadCount: 1 });
      // Someone else's ids are ignored.
      expect(
        (
          await t
            .http()
            .post('/api/notifications/read')
            .set(g.member.auth)
            .send({ ids: [list.body.items[1].id] })
        ).status,
      ).toBe(200);
      expect((await t.http().get('/api/notifications/unread-count').set(invitee.auth)).body).toEqual({
        unreadCount: 1,
      });

      await t.http().put(`/api/groups/${g.id}/notification-preference`).set(invitee.auth).send({ level: 'none' });
      expect((await t.http().get(`/api/groups/${g.id}/notification-preference`).set(invitee.auth)).body).toEqual({
        level: 'none',
      });
      await t
        .http()
        .patch(`/api/groups/${g.id}/members/${invitee.id}`)
        .set(g.facilitator.auth)
        .send({ role: 'member' });
      await sleep(300);
      expect(pushed).toHaveLength(2);
      expect((await t.http().post('/api/notifications/read').set(invitee.auth).send({ all: true })).body).toEqual({
        unreadCount: 0,
      });
      expect((await t.http().post('/api/notifications/read').set(invitee.auth).send({})).status).toBe(400);
    });
  });
});
