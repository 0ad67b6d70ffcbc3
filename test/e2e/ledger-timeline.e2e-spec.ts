import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import {
  addMember,
  affiliate,
  createAdmin,
  createOrganization,
  createThread,
  pendingAttachment,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';

/**
 * The commitment ledger from real positions and actions, its contradictions worked out by hand, and one
 * recommendation's timeline in the order of its chain.
 */
describe('commitment ledger and recommendation timeline', () => {
  let t: TestApp;
  let admin: TestUser;
  let g: TestGroup;
  let alpha: { id: string; name: string };
  let beta: { id: string; name: string };
  let gamma: { id: string; name: string };
  let a1: TestUser;
  let a2: TestUser;
  let b1: TestUser;
  let c1: TestUser;
  let r1: string; // adopted
  let r2: string; // adopted with changes
  let r3: string; // not adopted
  let x: string; // on r1, led by Gamma, supported by Beta
  let y: string; // on r2, led by Beta

  const position = async (threadId: string, by: TestUser, value: string) => {
    const res = await t.http().put(`/api/threads/${threadId}/positions`).set(by.auth).send({ position: value });
    expect(res.status).toBe(200);
  };
  const close = async (threadId: string, outcome: string, reviewDate?: string) => {
    const res = await t
      .http()
      .post(`/api/threads/${threadId}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome, statement: 'Decided.', reviewDate });
    expect(res.status).toBe(200);
  };
  const action = async (title: string, sourceId: string, body: Record<string, unknown>) => {
    const res = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title, sourceType: 'recommendation', sourceId, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createAdmin(t);
    // Made out of name order: the ledger sorts by name.
    gamma = await createOrganization(t, admin, 'Gamma Agency');
    alpha = await createOrganization(t, admin, 'Alpha Ministry');
    beta = await createOrganization(t, admin, 'Beta Council');
    g = await setupGroup(t);
    [a1, a2, b1, c1] = await Promise.all([registerUser(t), registerUser(t), registerUser(t), registerUser(t)]);
    for (const [user, organization] of [
      [a1, alpha],
      [a2, alpha],
      [b1, beta],
      [c1, gamma],
    ] as const) {
      await affiliate(t, admin, user, organization.id);
      await addMember(t, g.id, g.facilitator, user, 'member');
    }
    const propose = async (title: string) =>
      (await createThread(t, g.id, g.facilitator, { kind: 'recommendation', title, proposal: 'Do it.' })).id;
    r1 = await propose('Open skills centres');
    r2 = await propose('Recognise diplomas');
    r3 = await propose('Close the border');

    // Alpha is divided on r1 (its latest word: object); Beta endorses it; Gamma objects.
    await position(r1, a1, 'endorse');
    await position(r1, a2, 'object');
    await position(r1, b1, 'endorse');
    await position(r1, c1, 'object');
    await position(r2, b1, 'endorse-with-reservations');
    // Not adopted: no commitment follows from it.
    await position(r3, c1, 'endorse');
    await close(r1, 'adopted', '2027-01-15');
    await close(r2, 'adopted-with-changes');
    await close(r3, 'not-adopted');

    x = await action('Fit out the centres', r1, {
      leadOrganizationId: gamma.id,
      supportingOrganizationIds: [beta.id],
      focalPersonId: c1.id,
    });
    y = await action('Draft the diploma rules', r2, { leadOrganizationId: beta.id });
  });
  afterAll(() => t.close());

  it('states each organization’s positions, actions, delivery and contradictions, by name', async () => {
    // Gamma delivered: 50 claimed and verified on x (its only action).
    const claim = await t.http().post(`/api/actions/${x}/claims`).set(c1.auth).send({ percent: 50, body: 'Half.' });
    expect(claim.status).toBe(201);
    expect((await t.http().post(`/api/claims/${claim.body.id}/verify`).set(g.facilitator.auth)).status).toBe(200);

    const res = await t.http().get(`/api/groups/${g.id}/ledger`).set(g.observer.auth);
    expect(res.status).toBe(200);
    expect(res.body.groupId).toBe(g.id);
    expect(res.body.recommendations).toEqual([
      { id: r1, title: 'Open skills centres', outcome: 'adopted' },
      { id: r2, title: 'Recognise diplomas', outcome: 'adopted-with-changes' },
      { id: r3, title: 'Close the border', outcome: 'not-adopted' },
    ]);
    expect(res.body.actions).toEqual(
      expect.arrayContaining([
        {
          id: x,
          title: 'Fit out the centres',
          status: 'open',
          recommendationId: r1,
          leadOrganization: { id: gamma.id, name: 'Gamma Agency' },
          claimed: 50,
          verified: 50,
        },
        {
          id: y,
          title: 'Draft the diploma rules',
          status: 'open',
          recommendationId: r2,
          leadOrganization: { id: beta.id, name: 'Beta Council' },
          claimed: 0,
          verified: 0,
        },
      ]),
    );
    expect(res.body.organizations).toEqual([
      {
        organization: { id: alpha.id, name: 'Alpha Ministry' },
        // a1 endorsed, then a2 objected: divided, its latest word an objection; it leads nothing, which objecting
        // does not contradict.
        positions: [{ recommendationId: r1, position: 'object', divided: true }],
        leads: [],
        supports: [],
        delivered: { claimed: null, verified: null },
        contradictions: [],
      },
      {
        organization: { id: beta.id, name: 'Beta Council' },
        positions: [
          { recommendationId: r1, position: 'endorse', divided: false },
          { recommendationId: r2, position: 'endorse-with-reservations', divided: false },
        ],
        leads: [y],
        supports: [x],
        // y: open, no claim, no milestones: 0 claimed, 0 verified.
        delivered: { claimed: 0, verified: 0 },
        // Endorsed r1 and leads none of its actions (supporting x is not leading); leads y on r2, which it endorsed.
        contradictions: [{ kind: 'endorsed-leads-nothing', recommendationId: r1, actionIds: [] }],
      },
      {
        organization: { id: gamma.id, name: 'Gamma Agency' },
        // Its endorsement of r3 does not count: r3 was not adopted.
        positions: [{ recommendationId: r1, position: 'object', divided: false }],
        leads: [x],
        supports: [],
        delivered: { claimed: 50, verified: 50 },
        contradictions: [{ kind: 'objected-leads-action', recommendationId: r1, actionIds: [x] }],
      },
    ]);
  });

  it('gives one organization’s page, and 404 for one with no entry or a group hidden from the reader', async () => {
    const one = await t.http().get(`/api/groups/${g.id}/ledger/${gamma.id}`).set(a1.auth);
    expect(one.status).toBe(200);
    expect(one.body.organizations.map((o: { organization: { id: string } }) => o.organization.id)).toEqual([gamma.id]);
    const none = await t.http().get(`/api/groups/${g.id}/ledger/${randomUUID()}`).set(a1.auth);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('organization-not-found');
    const outsider = await registerUser(t);
    const hidden = await t.http().get(`/api/groups/${g.id}/ledger`).set(outsider.auth);
    expect(hidden.status).toBe(404);
  });

  it('tells a recommendation’s chain in order, from proposal to review', async () => {
    // The rest of the chain on x: a milestone added and done, a verified claim (made above) and a returned one.
    const milestone = await t.http().post(`/api/actions/${x}/milestones`).set(c1.auth).send({ title: 'Lease signed' });
    expect(milestone.status).toBe(201);
    expect(
      (await t.http().patch(`/api/milestones/${milestone.body.id}`).set(c1.auth).send({ done: true })).status,
    ).toBe(200);
    const evidence = await pendingAttachment(t, c1, g.id, 'photos.pdf');
    const claim = await t
      .http()
      .post(`/api/actions/${x}/claims`)
      .set(c1.auth)
      .send({ percent: 90, body: 'Nearly.', attachmentIds: [evidence] });
    expect(claim.status).toBe(201);
    const returned = await t
      .http()
      .post(`/api/claims/${claim.body.id}/return`)
      .set(g.facilitator.auth)
      .send({ reason: 'Show the lease' });
    expect(returned.status).toBe(200);
    const reviewThread = await createThread(t, g.id, g.facilitator, { title: 'Review of skills centres' });
    await t.db.query(
      `INSERT INTO recommendation_reviews (recommendation_id, review_date, review_thread_id, summary)
       VALUES ($1, '2027-01-15', $2, '{}')`,
      [r1, reviewThread.id],
    );

    const res = await t.http().get(`/api/threads/${r1}/timeline`).set(g.observer.auth);
    expect(res.status).toBe(200);
    expect(res.body.recommendation).toEqual({
      id: r1,
      groupId: g.id,
      title: 'Open skills centres',
      outcome: 'adopted',
      reviewDate: '2027-01-15',
    });
    const entries: { at: string; kind: string; actor: { id: string } | null; data: object }[] = res.body.entries;
    expect(entries.map((e) => e.kind)).toEqual([
      'proposed',
      'position',
      'position',
      'position',
      'position',
      'outcome',
      'action-created',
      'claim',
      'claim-verified',
      'milestone-added',
      'milestone-done',
      'claim',
      'claim-returned',
      'review',
    ]);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((p, q) => p - q));
    expect(entries.filter((e) => e.kind === 'position').map((e) => [e.actor?.id, e.data])).toEqual([
      [a1.id, { position: 'endorse' }],
      [a2.id, { position: 'object' }],
      [b1.id, { position: 'endorse' }],
      [c1.id, { position: 'object' }],
    ]);
    const byKind = (kind: string) => entries.filter((e) => e.kind === kind);
    expect(byKind('outcome')[0]).toMatchObject({
      actor: { id: g.facilitator.id },
      data: { outcome: 'adopted', reviewDate: '2027-01-15' },
    });
    expect(byKind('action-created')[0]).toMatchObject({
      action: { id: x, title: 'Fit out the centres' },
      organization: { id: gamma.id, name: 'Gamma Agency' },
      data: {},
    });
    expect(byKind('claim').map((e) => e.data)).toEqual([
      { percent: 50, evidenceCount: 0 },
      { percent: 90, evidenceCount: 1 },
    ]);
    expect(byKind('claim')[1]).toMatchObject({ actor: { id: c1.id }, organization: { id: gamma.id } });
    expect(byKind('claim-verified')[0].data).toEqual({ percent: 50 });
    expect(byKind('claim-returned')[0].data).toEqual({ percent: 90, reason: 'Show the lease' });
    expect(byKind('milestone-done')[0]).toMatchObject({ actor: { id: c1.id }, data: { title: 'Lease signed' } });
    expect(byKind('review')[0]).toMatchObject({
      actor: null,
      data: { reviewThreadId: reviewThread.id, reviewDate: '2027-01-15' },
    });
  });

  it('answers 404 for a discussion, a missing thread, and a recommendation hidden from the reader', async () => {
    const discussion = await createThread(t, g.id, g.facilitator, { title: 'Just talk' });
    for (const [id, who] of [
      [discussion.id, g.member],
      [randomUUID(), g.member],
      [r1, await registerUser(t)],
    ] as const) {
      const res = await t.http().get(`/api/threads/${id}/timeline`).set(who.auth);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('thread-not-found');
    }
  });
});
