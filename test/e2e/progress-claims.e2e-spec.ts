import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addMember,
  affiliate,
  createAdmin,
  createOrganization,
  createThread,
  notificationsOf,
  pendingAttachment,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';

/**
 * Progress on action items: milestones and the figure derived from them, claims and their verification or return,
 * and weights in a recommendation's roll-up. Expected figures are worked out by hand in each test.
 */
describe('progress: milestones, claims, verification and weights', () => {
  let t: TestApp;
  let admin: TestUser;
  let g: TestGroup;
  let lead: { id: string; name: string };
  let verifierOrg: { id: string; name: string };
  let focal: TestUser; // the focal person of the items (g.member)
  let colleague: TestUser; // member of the lead organization
  let verifier: TestUser; // member of the verifier organization
  let verifierObserver: TestUser; // observer of the verifier organization
  let bystander: TestUser; // member, neither responsible nor verifier
  let recommendationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
    lead = await createOrganization(t, admin, 'Lead Ministry');
    verifierOrg = await createOrganization(t, admin, 'Audit Office');
    g = await setupGroup(t);
    focal = g.member;
    [colleague, verifier, verifierObserver, bystander] = await Promise.all([
      registerUser(t),
      registerUser(t),
      registerUser(t),
      registerUser(t),
    ]);
    await affiliate(t, admin, colleague, lead.id);
    await affiliate(t, admin, verifier, verifierOrg.id);
    await affiliate(t, admin, verifierObserver, verifierOrg.id);
    for (const user of [colleague, verifier, bystander]) await addMember(t, g.id, g.facilitator, user, 'member');
    await addMember(t, g.id, g.facilitator, verifierObserver, 'observer');
    recommendationId = await adoptedRecommendation('Recognise skills');
  });
  afterAll(() => t.close());

  async function adoptedRecommendation(title: string): Promise<string> {
    const rec = await createThread(t, g.id, g.facilitator, { kind: 'recommendation', title, proposal: 'Do.' });
    const closed = await t
      .http()
      .post(`/api/threads/${rec.id}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome: 'adopted', statement: 'Yes.' });
    expect(closed.status).toBe(200);
    return rec.id;
  }

  async function createItem(title: string, sourceId = recommendationId) {
    const res = await t.http().post(`/api/groups/${g.id}/actions`).set(g.facilitator.auth).send({
      title,
      sourceType: 'recommendation',
      sourceId,
      focalPersonId: focal.id,
      leadOrganizationId: lead.id,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  }

  const lastSeq = async (): Promise<number> =>
    (await t.http().get(`/api/groups/${g.id}`).set(g.facilitator.auth)).body.lastSeq;
  const item = async (id: string) => (await t.http().get(`/api/actions/${id}`).set(g.facilitator.auth)).body;
  const claim = (id: string, by: TestUser, percent: number, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/actions/${id}/claims`)
      .set(by.auth)
      .send({ percent, body: `Done ${percent}%`, ...extra });
  const verify = (claimId: string, by: TestUser) =>
    t.http().post(`/api/claims/${claimId}/verify`).set(by.auth).send({});
  const giveBack = (claimId: string, by: TestUser, reason: string) =>
    t.http().post(`/api/claims/${claimId}/return`).set(by.auth).send({ reason });

  it('derives an item’s progress from the share of its milestones done, moving its version each time', async () => {
    const { id, version } = await createItem('Draft the terms');
    const titles = ['Outline', 'Draft', 'Consult'];
    const created = [];
    for (const title of titles) {
      const res = await t.http().post(`/api/actions/${id}/milestones`).set(focal.auth).send({ title });
      expect(res.status).toBe(201);
      created.push(res.body);
    }
    expect(created.map((m) => m.position)).toEqual([0, 1, 2]);
    let now = await item(id);
    expect(now.progress).toMatchObject({ claimed: 0, basis: 'milestones', milestonesDone: 0, milestonesTotal: 3 });
    expect(now.version).toBe(version + 3);

    const done = await t.http().patch(`/api/milestones/${created[0].id}`).set(colleague.auth).send({ done: true });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: true, doneBy: { id: colleague.id } });
    now = await item(id);
    // 1 of 3 done: round(100 / 3) = 33.
    expect(now.progress).toMatchObject({ claimed: 33, milestonesDone: 1, milestonesTotal: 3 });

    expect((await t.http().delete(`/api/milestones/${created[2].id}`).set(focal.auth)).status).toBe(204);
    now = await item(id);
    // 1 of 2 done: 50.
    expect(now.progress).toMatchObject({ claimed: 50, milestonesDone: 1, milestonesTotal: 2 });

    const list = await t.http().get(`/api/actions/${id}/milestones`).set(g.observer.auth);
    expect(list.status).toBe(200);
    expect(list.body.map((m: { title: string; done: boolean }) => [m.title, m.done])).toEqual([
      ['Outline', true],
      ['Draft', false],
    ]);
  });

  it('lets only those responsible or a facilitator change milestones', async () => {
    const { id } = await createItem('Only the responsible');
    const byObserver = await t.http().post(`/api/actions/${id}/milestones`).set(g.observer.auth).send({ title: 'X' });
    expect(byObserver.status).toBe(403);
    const byBystander = await t.http().post(`/api/actions/${id}/milestones`).set(bystander.auth).send({ title: 'X' });
    expect(byBystander.status).toBe(403);
    expect(byBystander.body.code).toBe('action-item-responsible-only');
    const empty = await t.http().post(`/api/actions/${id}/milestones`).set(focal.auth).send({ title: '' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.details)).toContain('title');
    const byFacilitator = await t
      .http()
      .post(`/api/actions/${id}/milestones`)
      .set(g.facilitator.auth)
      .send({ title: 'Y', dueDate: '2026-06-01' });
    expect(byFacilitator.status).toBe(201);
    expect(byFacilitator.body.dueDate).toBe('2026-06-01');
    const unknown = await t.http().patch(`/api/milestones/${randomUUID()}`).set(focal.auth).send({ done: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('milestone-not-found');
  });

  it('names the verifier organization of a group, refusing one that does not exist', async () => {
    const wrong = await t
      .http()
      .patch(`/api/groups/${g.id}`)
      .set(g.facilitator.auth)
      .send({ verifierOrganizationId: randomUUID() });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body.details)).toContain('verifierOrganizationId');
    const byMember = await t
      .http()
      .patch(`/api/groups/${g.id}`)
      .set(focal.auth)
      .send({ verifierOrganizationId: verifierOrg.id });
    expect(byMember.status).toBe(403);
    const res = await t
      .http()
      .patch(`/api/groups/${g.id}`)
      .set(g.facilitator.auth)
      .send({ verifierOrganizationId: verifierOrg.id });
    expect(res.status).toBe(200);
    expect(res.body.verifierOrganization).toEqual({ id: verifierOrg.id, name: 'Audit Office' });
    const audit = await t.db.query(
      `SELECT after FROM audit_log WHERE group_id = $1 AND action = 'group.updated' ORDER BY id DESC LIMIT 1`,
      [g.id],
    );
    expect(audit[0].after).toEqual({ verifierOrganizationId: verifierOrg.id });
  });

  it('keeps a claim pending until a member of the verifier organization verifies it', async () => {
    const { id } = await createItem('Train the staff');
    const evidence = await pendingAttachment(t, focal, g.id, 'attendance.pdf');
    const seq = await lastSeq();
    const made = await claim(id, focal, 60, { attachmentIds: [evidence] });
    expect(made.status).toBe(201);
    // Open views hear of it: the progress note, then the item with its new figure.
    const events = (await t.http().get(`/api/groups/${g.id}/events`).query({ after: seq }).set(focal.auth)).body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['action.commented', 'action.updated']);
    expect(events[1].data.progress).toMatchObject({ claimed: 60, claimPending: true });
    expect(made.body).toMatchObject({
      percent: 60,
      state: 'pending',
      claimedBy: { id: focal.id },
      decidedBy: null,
      reason: null,
    });
    expect(made.body.note.body).toBe('Done 60%');
    expect(made.body.note.attachments.map((a: { id: string }) => a.id)).toEqual([evidence]);
    let now = await item(id);
    expect(now.progress).toMatchObject({ claimed: 60, verified: 0, basis: 'claim', claimPending: true });
    const notes = (await t.http().get(`/api/actions/${id}/comments`).set(g.observer.auth)).body;
    expect(notes.map((c: { kind: string; body: string }) => [c.kind, c.body])).toEqual([['progress', 'Done 60%']]);
    expect((await notificationsOf(t, verifier)).map((n) => [n.type, n.data])).toContainEqual([
      'action.claimed',
      expect.objectContaining({ title: 'Train the staff', percent: 60 }),
    ]);

    const verified = await verify(made.body.id, verifier);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      state: 'verified',
      decidedBy: { id: verifier.id },
      deciderOrganization: { id: verifierOrg.id, name: 'Audit Office' },
    });
    now = await item(id);
    expect(now.progress).toMatchObject({ claimed: 60, verified: 60, claimPending: false });
    expect((await notificationsOf(t, focal)).map((n) => [n.type, n.data])).toContainEqual([
      'action.claim-decided',
      expect.objectContaining({ percent: 60, state: 'verified', reason: null }),
    ]);

    const again = await giveBack(made.body.id, g.facilitator, 'Too late');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('claim-already-decided');
  });

  it('falls back to the newest earlier claim not returned, or to the derived figure, when a claim is returned', async () => {
    const { id } = await createItem('Open the centre');
    const first = (await claim(id, focal, 40)).body;
    expect((await verify(first.id, g.facilitator)).status).toBe(200);
    const second = (await claim(id, colleague, 80)).body;
    expect((await item(id)).progress).toMatchObject({ claimed: 80, verified: 40 });
    const returned = await giveBack(second.id, verifier, 'The centre is not open yet');
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', reason: 'The centre is not open yet' });
    expect((await item(id)).progress).toMatchObject({ claimed: 40, verified: 40, basis: 'claim' });
    const history = (await t.http().get(`/api/actions/${id}/claims`).set(g.observer.auth)).body;
    expect(history.map((c: { percent: number; state: string }) => [c.percent, c.state])).toEqual([
      [80, 'returned'],
      [40, 'verified'],
    ]);

    const other = await createItem('Print the leaflets');
    const only = (await claim(other.id, focal, 30)).body;
    expect((await giveBack(only.id, g.facilitator, 'No evidence')).status).toBe(200);
    // No claim stands: the open item's status default, 0.
    expect((await item(other.id)).progress).toMatchObject({ claimed: 0, verified: 0, basis: 'status' });
    const blank = await giveBack(only.id, g.facilitator, '');
    expect(blank.status).toBe(400);
  });

  it('refuses anyone deciding their own claim', async () => {
    const { id } = await createItem('Facilitator’s own');
    const own = (await claim(id, g.facilitator, 50)).body;
    const res = await verify(own.id, g.facilitator);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('claim-own-decision');
    const byVerifier = await claim(id, verifier, 50);
    expect(byVerifier.status).toBe(403); // the verifier is not responsible for the item
  });

  it('refuses observers, bystanders and the verifier organization’s observers', async () => {
    const { id } = await createItem('Guarded');
    const observed = await claim(id, g.observer, 10);
    expect(observed.status).toBe(403);
    const pending = (await claim(id, focal, 10)).body;
    for (const [who, code] of [
      [g.observer, 'role-forbids'],
      [verifierObserver, 'role-forbids'],
      [bystander, 'claim-verifier-only'],
    ] as const) {
      const res = await verify(pending.id, who);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(code);
    }
    const outsider = await registerUser(t);
    const hidden = await verify(pending.id, outsider);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('claim-not-found');
    expect((await t.http().get(`/api/actions/${id}/claims`).set(g.observer.auth)).status).toBe(200);
    const tooMuch = await claim(id, focal, 101);
    expect(tooMuch.status).toBe(400);
    expect(JSON.stringify(tooMuch.body.details)).toContain('percent');
  });

  it('weights a recommendation’s roll-up, leaving out cancelled actions, and shows none for one with no actions', async () => {
    const weighted = await adoptedRecommendation('Weighted');
    const empty = await adoptedRecommendation('Nothing yet');
    const a = await createItem('Item A', weighted);
    const b = await createItem('Item B', weighted);
    const c = await createItem('Item C', weighted);
    const setWeight = (id: string, weight: unknown, by = g.facilitator) =>
      t.http().put(`/api/actions/${id}/weight`).set(by.auth).send({ weight });

    const claimedA = (await claim(a.id, focal, 40)).body;
    expect((await verify(claimedA.id, verifier)).status).toBe(200);
    expect((await claim(b.id, focal, 100)).status).toBe(201);
    const current = await item(c.id);
    const cancelled = await t
      .http()
      .patch(`/api/actions/${c.id}`)
      .set(g.facilitator.auth)
      .send({ version: current.version, status: 'cancelled', statusReason: 'Merged into A' });
    expect(cancelled.status).toBe(200);

    expect((await setWeight(a.id, 3, focal)).status).toBe(403);
    const tooHeavy = await setWeight(a.id, 101);
    expect(tooHeavy.status).toBe(400);
    expect(JSON.stringify(tooHeavy.body.details)).toContain('weight');
    const heavier = await setWeight(a.id, 3);
    expect(heavier.status).toBe(200);
    expect(heavier.body.progress.weight).toBe(3);
    expect((await setWeight(c.id, 5)).status).toBe(200);
    const history = (await t.http().get(`/api/actions/${a.id}/history`).set(g.observer.auth)).body;
    expect(history).toContainEqual(expect.objectContaining({ field: 'weight', before: 1, after: 3 }));

    const progress = await t.http().get(`/api/groups/${g.id}/progress`).set(g.observer.auth);
    expect(progress.status).toBe(200);
    const byId = new Map(
      progress.body.recommendations.map((r: { id: string; claimed: number; verified: number }) => [r.id, r]),
    );
    // A: weight 3, claimed 40, verified 40; B: weight 1, claimed 100, verified 0; C cancelled (weight 5) left out.
    // Claimed (3·40 + 1·100) / 4 = 55; verified (3·40 + 1·0) / 4 = 30.
    expect(byId.get(weighted)).toMatchObject({ claimed: 55, verified: 30 });
    expect(byId.get(empty)).toMatchObject({ claimed: null, verified: null });

    // Equal weights again: (40 + 100) / 2 = 70 claimed, (40 + 0) / 2 = 20 verified.
    expect((await setWeight(a.id, 1)).status).toBe(200);
    const equal = await t.http().get(`/api/groups/${g.id}/progress`).set(g.observer.auth);
    const again = equal.body.recommendations.find((r: { id: string }) => r.id === weighted);
    expect(again).toMatchObject({ claimed: 70, verified: 20 });
  });

  it('makes endorsers and the focal person of a recommendation’s action its followers', async () => {
    const rec = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Followed',
      proposal: 'Do.',
    });
    await t.http().put(`/api/threads/${rec.id}/positions`).set(colleague.auth).send({ position: 'endorse' });
    await t.http().put(`/api/threads/${rec.id}/positions`).set(bystander.auth).send({ position: 'object' });
    await t
      .http()
      .put(`/api/threads/${rec.id}/positions`)
      .set(verifier.auth)
      .send({ position: 'endorse-with-reservations' });
    await createItem('Followed action', rec.id);
    // Naming a new focal person makes them follow too.
    const other = await createItem('Reassigned action', rec.id);
    const reassigned = await t
      .http()
      .patch(`/api/actions/${other.id}`)
      .set(g.facilitator.auth)
      .send({ version: other.version, focalPersonId: bystander.id });
    expect(reassigned.status).toBe(200);
    const rows: { user_id: string; reason: string }[] = await t.db.query(
      `SELECT user_id, reason FROM recommendation_followers WHERE thread_id = $1`,
      [rec.id],
    );
    const followers = rows.map((row) => `${row.reason} ${row.user_id}`).sort();
    // The objector follows only as the new focal person.
    expect(followers).toEqual(
      [`lead ${focal.id}`, `lead ${bystander.id}`, `position ${colleague.id}`, `position ${verifier.id}`].sort(),
    );
  });
});
