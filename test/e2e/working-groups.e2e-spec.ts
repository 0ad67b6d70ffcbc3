import { AuditService } from '../../src/audit/audit.service';
import { createTestApp, TestApp } from '../support/test-app';
import { createAdmin, addMember, createGroup, registerUser, setupGroup, TestUser } from '../support/factories';

describe('working groups', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  const auditCount = async (groupId: string) =>
    Number((await t.db.query('SELECT count(*)::int AS n FROM audit_log WHERE group_id = $1', [groupId]))[0].n);

  it('makes the creator the first facilitator and lists the group only to its members and the admin', async () => {
    const g = await setupGroup(t);
    const outsider = await registerUser(t);
    const mine = await t.http().get('/api/groups').set(g.member.auth);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(g.id);
    expect(mine.body.items.find((x: { id: string }) => x.id === g.id).myRole).toBe('member');
    const theirs = await t.http().get('/api/groups').set(outsider.auth);
    expect(theirs.body.items.map((x: { id: string }) => x.id)).not.toContain(g.id);
    const all = await t.http().get('/api/groups?limit=100').set(admin.auth);
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(g.id);
    const detail = await t.http().get(`/api/groups/${g.id}`).set(g.facilitator.auth);
    expect(detail.body).toMatchObject({ myRole: 'facilitator', memberCount: 3, objectives: [1, 23], archived: false });
  });

  it('answers a non-member exactly as for a group that does not exist', async () => {
    const g = await setupGroup(t);
    const outsider = await registerUser(t);
    const hidden = await t.http().get(`/api/groups/${g.id}/members`).set(outsider.auth);
    const missing = await t.http().get(`/api/groups/00000000-0000-4000-8000-000000000000/members`).set(outsider.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
  });

  it('rejects objectives outside 1 to 23 naming the field', async () => {
    const user = await registerUser(t);
    const res = await t
      .http()
      .post('/api/groups')
      .set(user.auth)
      .send({ name: 'Bad objectives', objectives: [0, 24] });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('objectives');
  });

  it('keeps at least one facilitator: the last cannot leave or be demoted, and nothing is recorded', async () => {
    const g = await setupGroup(t);
    const before = await auditCount(g.id);
    const leave = await t.http().post(`/api/groups/${g.id}/leave`).set(g.facilitator.auth);
    const demote = await t
      .http()
      .patch(`/api/groups/${g.id}/members/${g.facilitator.id}`)
      .set(g.facilitator.auth)
      .send({ role: 'member' });
    expect(leave.status).toBe(409);
    expect(demote.status).toBe(409);
    expect(await auditCount(g.id)).toBe(before);
    // With a second facilitator, the first may step down.
    await t
      .http()
      .patch(`/api/groups/${g.id}/members/${g.member.id}`)
      .set(g.facilitator.auth)
      .send({ role: 'facilitator' });
    expect((await t.http().post(`/api/groups/${g.id}/leave`).set(g.facilitator.auth)).status).toBe(204);
  });

  it('two facilitators demoting each other at once leave exactly one facilitator', async () => {
    const g = await setupGroup(t);
    await t
      .http()
      .patch(`/api/groups/${g.id}/members/${g.member.id}`)
      .set(g.facilitator.auth)
      .send({ role: 'facilitator' });
    const [a, b] = await Promise.all([
      t.http().patch(`/api/groups/${g.id}/members/${g.member.id}`).set(g.facilitator.auth).send({ role: 'member' }),
      t.http().patch(`/api/groups/${g.id}/members/${g.facilitator.id}`).set(g.member.auth).send({ role: 'member' }),
    ]);
    // One wins; the other is refused as the last facilitator (409) or as no longer a facilitator (403).
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([403, 409]).toContain([a.status, b.status].find((s) => s !== 200));
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM memberships WHERE group_id = $1 AND role = 'facilitator'`,
      [g.id],
    );
    expect(Number(n)).toBe(1);
  });

  it('applies a role change at the very next request', async () => {
    const g = await setupGroup(t);
    expect((await t.http().get(`/api/groups/${g.id}/audit`).set(g.member.auth)).status).toBe(403);
    await t
      .http()
      .patch(`/api/groups/${g.id}/members/${g.member.id}`)
      .set(g.facilitator.auth)
      .send({ role: 'facilitator' });
    expect((await t.http().get(`/api/groups/${g.id}/audit`).set(g.member.auth)).status).toBe(200);
    await t.http().delete(`/api/groups/${g.id}/members/${g.observer.id}`).set(g.facilitator.auth);
    expect((await t.http().get(`/api/groups/${g.id}`).set(g.observer.auth)).status).toBe(404);
  });

  it('makes an archived group read-only for everyone until unarchived', async () => {
    const g = await setupGroup(t);
    const extra = await registerUser(t);
    expect((await t.http().post(`/api/groups/${g.id}/archive`).set(g.facilitator.auth)).body.archived).toBe(true);
    expect((await t.http().patch(`/api/groups/${g.id}`).set(g.facilitator.auth).send({ purpose: 'x' })).status).toBe(
      409,
    );
    expect((await t.http().patch(`/api/groups/${g.id}`).set(admin.auth).send({ purpose: 'x' })).status).toBe(409);
    expect(
      (
        await t
          .http()
          .post(`/api/groups/${g.id}/members`)
          .set(g.facilitator.auth)
          .send({ userId: extra.id, role: 'member' })
      ).status,
    ).toBe(409);
    expect((await t.http().post(`/api/groups/${g.id}/leave`).set(g.member.auth)).status).toBe(409);
    expect((await t.http().get(`/api/groups/${g.id}/members`).set(g.observer.auth)).status).toBe(200);
    expect((await t.http().post(`/api/groups/${g.id}/unarchive`).set(g.facilitator.auth)).body.archived).toBe(false);
    expect((await t.http().patch(`/api/groups/${g.id}`).set(g.facilitator.auth).send({ purpose: 'x' })).status).toBe(
      200,
    );
  });

  it('records exactly one audit entry per committed change, with before and after', async () => {
    const facilitator = await registerUser(t);
    const other = await registerUser(t);
    const group = await createGroup(t, facilitator);
    await t.http().patch(`/api/groups/${group.id}`).set(facilitator.auth).send({ purpose: 'New purpose' });
    await t.http().patch(`/api/groups/${group.id}`).set(facilitator.auth).send({ purpose: 'New purpose' }); // no change
    await addMember(t, group.id, facilitator, other, 'observer');
    await t.http().patch(`/api/groups/${group.id}/members/${other.id}`).set(facilitator.auth).send({ role: 'member' });
    await t
      .http()
      .post(`/api/groups/${group.id}/invitations`)
      .set(facilitator.auth)
      .send({ email: 'x@example.org', role: 'member' });
    await t.http().delete(`/api/groups/${group.id}/members/${other.id}`).set(facilitator.auth);
    const audit = await t.http().get(`/api/groups/${group.id}/audit`).set(facilitator.auth);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.removed',
      'invitation.created',
      'member.role-changed',
      'member.added',
      'group.updated',
      'group.created',
    ]);
    const roleChange = audit.body.items[2];
    expect(roleChange).toMatchObject({
      before: { role: 'observer' },
      after: { role: 'member' },
      subject: { id: other.id },
    });
    expect(audit.body.items[4]).toMatchObject({ before: { purpose: 'Testing' }, after: { purpose: 'New purpose' } });
  });

  it("writes the audit entry in the change's transaction: a change that rolls back leaves none", async () => {
    const g = await setupGroup(t);
    const before = await auditCount(g.id);
    await expect(
      t.db.transaction(async (tx) => {
        await t.app.get(AuditService).record(tx, { groupId: g.id, actorId: g.facilitator.id, action: 'group.updated' });
        throw new Error('the change fails after its audit entry');
      }),
    ).rejects.toThrow('the change fails');
    expect(await auditCount(g.id)).toBe(before);
  });

  it('offers no way to edit or delete the audit log', async () => {
    const g = await setupGroup(t);
    for (const method of ['put', 'patch', 'delete', 'post'] as const) {
      expect((await t.http()[method](`/api/groups/${g.id}/audit`).set(g.facilitator.auth)).status).toBe(404);
    }
  });

  it('paginates members with a cursor, never skipping or repeating', async () => {
    const g = await setupGroup(t);
    for (let i = 0; i < 4; i += 1)
      await addMember(t, g.id, g.facilitator, await registerUser(t, { displayName: `Person ${i}` }), 'member');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { userId: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/groups/${g.id}/members`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(g.member.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((m: { userId: string }) => m.userId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await t.http().get(`/api/groups/${g.id}/members?limit=101`).set(g.member.auth)).status).toBe(400);
    expect((await t.http().get(`/api/groups/${g.id}/members?cursor=garbage`).set(g.member.auth)).status).toBe(400);
  });

  describe('invitations', () => {
    it('accepting creates the membership once, however often replayed', async () => {
      const g = await setupGroup(t);
      const invitee = await registerUser(t);
      const created = await t
        .http()
        .post(`/api/groups/${g.id}/invitations`)
        .set(g.facilitator.auth)
        .send({ email: invitee.email.toUpperCase(), role: 'observer' });
      expect(created.status).toBe(201);
      expect(created.body.token).toEqual(expect.any(String));
      const answers = await Promise.all(
        [1, 2, 3].map(() => t.http().post(`/api/invitations/${created.body.token}/accept`).set(invitee.auth)),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers[1].body).toEqual(answers[0].body);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM memberships WHERE group_id = $1 AND user_id = $2',
        [g.id, invitee.id],
      );
      expect(Number(n)).toBe(1);
      const accepted = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE group_id = $1 AND action = 'invitation.accepted'`,
        [g.id],
      );
      expect(Number(accepted[0].n)).toBe(1);
      const list = await t.http().get(`/api/groups/${g.id}/invitations`).set(g.facilitator.auth);
      expect(list.body.items[0]).toMatchObject({ status: 'accepted', role: 'observer' });
      expect(list.body.items[0]).not.toHaveProperty('token');
    });

    it('only the invited email may accept', async () => {
      const g = await setupGroup(t);
      const stranger = await registerUser(t);
      const created = await t
        .http()
        .post(`/api/groups/${g.id}/invitations`)
        .set(g.facilitator.auth)
        .send({ email: 'someone.else@example.org', role: 'member' });
      expect((await t.http().post(`/api/invitations/${created.body.token}/accept`).set(stranger.auth)).status).toBe(
        403,
      );
      expect((await t.http().post(`/api/invitations/${created.body.id}/accept`).set(stranger.auth)).status).toBe(404);
    });

    it('a revoked or expired invitation cannot be accepted', async () => {
      const g = await setupGroup(t);
      const invitee = await registerUser(t);
      const revoked = await t
        .http()
        .post(`/api/groups/${g.id}/invitations`)
        .set(g.facilitator.auth)
        .send({ email: invitee.email, role: 'member' });
      expect((await t.http().delete(`/api/invitations/${revoked.body.id}`).set(g.facilitator.auth)).body.status).toBe(
        'revoked',
      );
      expect((await t.http().post(`/api/invitations/${revoked.body.token}/accept`).set(invitee.auth)).status).toBe(410);

      const expired = await t
        .http()
        .post(`/api/groups/${g.id}/invitations`)
        .set(g.facilitator.auth)
        .send({ email: invitee.email, role: 'member' });
      await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        expired.body.id,
      ]);
      expect((await t.http().post(`/api/invitations/${expired.body.token}/accept`).set(invitee.auth)).status).toBe(410);
      expect((await t.http().get(`/api/groups/${g.id}`).set(invitee.auth)).status).toBe(404);
    });

    it('an unknown token is a 404', async () => {
      const user = await registerUser(t);
      expect(
        (await t.http().post('/api/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/accept').set(user.auth))
          .status,
      ).toBe(404);
    });
  });
});
