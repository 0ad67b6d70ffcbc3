import { createTestApp, TestApp } from '../support/test-app';
import { setupGroup } from '../support/factories';

/** Issue #20, item 14: a report for a period, with the narrative (each item's latest progress note). */
describe('report period and narrative', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('quotes each item’s latest progress note, counts only the period’s items, and refuses a day that is none', async () => {
    const g = await setupGroup(t);
    const action = async (title: string) =>
      (
        await t
          .http()
          .post(`/api/groups/${g.id}/actions`)
          .set(g.facilitator.auth)
          .send({ title, objectives: [5] })
          .expect(201)
      ).body as { id: string };
    const noted = await action('Publish permit statistics');
    await action('Map diaspora schemes');
    const note = (body: string, kind = 'progress') =>
      t.http().post(`/api/actions/${noted.id}/comments`).set(g.facilitator.auth).send({ body, kind }).expect(201);
    await note('First quarter published');
    await note('Second quarter published');
    await note('Just a comment, not progress', 'comment');

    const report = (await t.http().get(`/api/groups/${g.id}/report`).set(g.member.auth).expect(200)).body;
    expect(report.totals.total).toBe(2);
    expect(report.period).toEqual({ from: null, to: null });
    expect(report.narrative).toHaveLength(1);
    expect(report.narrative[0]).toMatchObject({
      action: { id: noted.id, title: 'Publish permit statistics', status: 'open' },
      group: { id: g.id },
      note: { body: 'Second quarter published' },
    });

    const today = new Date().toISOString().slice(0, 10);
    const within = (
      await t.http().get(`/api/groups/${g.id}/report?from=${today}&to=${today}`).set(g.member.auth).expect(200)
    ).body;
    expect([within.totals.total, within.narrative.length]).toEqual([2, 1]);
    expect(within.period).toEqual({ from: today, to: today });
    const later = (await t.http().get(`/api/groups/${g.id}/report?from=2999-01-01`).set(g.member.auth).expect(200))
      .body;
    expect([later.totals.total, later.narrative.length]).toEqual([0, 0]);
    await t.http().get(`/api/groups/${g.id}/report?to=2026-02-30`).set(g.member.auth).expect(400);
  });
});
