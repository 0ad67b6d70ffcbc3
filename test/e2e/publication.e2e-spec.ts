import { progressScene, ProgressScene } from '../support/progress-scene';
import { createTestApp, TestApp } from '../support/test-app';

/** Issue #23, item 8: a group's progress published read-only, unlisted or public, with an embeddable widget. */
describe('published progress pages', () => {
  let t: TestApp;
  let s: ProgressScene;
  beforeAll(async () => {
    t = await createTestApp();
    s = await progressScene(t);
  });
  afterAll(() => t.close());

  const publication = () => `/api/groups/${s.group.id}/publication`;
  const audit = async () =>
    (
      (await t.http().get(`/api/groups/${s.group.id}/audit`).set(s.group.facilitator.auth).expect(200)).body.items as {
        action: string;
        before: unknown;
        after: unknown;
        actor: { id: string } | null;
      }[]
    ).filter((e) => e.action.startsWith('publication.'));

  it('publishes, changes visibility keeping the token, and withdraws: each audited, and the old address then 404', async () => {
    const none = await t.http().get(publication()).set(s.group.observer.auth).expect(200);
    expect(none.body).toEqual({ publication: null });
    await t.http().put(publication()).set(s.group.member.auth).send({ visibility: 'public' }).expect(403);
    await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'secret' }).expect(400);

    const published = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'unlisted' }).expect(200)
    ).body;
    expect(published).toMatchObject({
      visibility: 'unlisted',
      path: `/p/${published.token}`,
      widgetPath: `/p/${published.token}/widget`,
      publishedBy: { id: s.group.facilitator.id },
    });
    expect(published.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const changed = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'public' }).expect(200)
    ).body;
    expect(changed.token).toBe(published.token);
    expect((await t.http().get(publication()).set(s.group.observer.auth).expect(200)).body.publication).toEqual(
      changed,
    );

    await t.http().delete(publication()).set(s.group.facilitator.auth).expect(204);
    await t.http().get(`/api/public/progress/${published.token}`).expect(404);
    await t.http().get(`/p/${published.token}/widget`).expect(404);
    expect((await audit()).map((e) => [e.action, e.before, e.after, e.actor?.id])).toEqual([
      ['publication.withdrawn', { visibility: 'public' }, null, s.group.facilitator.id],
      ['publication.changed', { visibility: 'unlisted' }, { visibility: 'public' }, s.group.facilitator.id],
      ['publication.published', null, { visibility: 'unlisted' }, s.group.facilitator.id],
    ]);
    // A new publication is a new address: the withdrawn one stays dead.
    const again = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'unlisted' }).expect(200)
    ).body;
    expect(again.token).not.toBe(published.token);
  });

  it('publishes once when facilitators publish at the same moment: one token, one audit entry', async () => {
    const other = await progressScene(t, s.admin);
    const answers = await Promise.all(
      ['unlisted', 'unlisted', 'public', 'unlisted', 'public'].map((visibility) =>
        t
          .http()
          .put(`/api/groups/${other.group.id}/publication`)
          .set(other.group.facilitator.auth)
          .send({ visibility }),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((res) => res.body.token)).size).toBe(1);
    const entries = (
      await t.http().get(`/api/groups/${other.group.id}/audit`).set(other.group.facilitator.auth).expect(200)
    ).body.items as { action: string }[];
    expect(entries.filter((e) => e.action === 'publication.published')).toHaveLength(1);
  });

  it('shows figures, titles and organization names without sign-in, and nothing that names or identifies a person', async () => {
    const { token } = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'unlisted' }).expect(200)
    ).body;
    const res = await t.http().get(`/api/public/progress/${token}`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).toMatchObject({
      group: { name: s.groupName },
      visibility: 'unlisted',
      overall: { claimed: 0, verified: 0 },
      recommendations: [
        {
          title: 'Open regular pathways',
          objectives: [5, 6],
          actions: [
            { title: 'Publish permit statistics', status: 'open', leadOrganization: s.organization.name },
            { title: 'Map diaspora schemes', leadOrganization: s.organization.name },
          ],
        },
      ],
      objectives: [{ objective: 5 }, { objective: 6 }],
      organizations: [{ name: s.organization.name, actions: 2 }],
    });
    const text = JSON.stringify(res.body);
    for (const personal of [...s.personal, s.group.id, ...s.actionIds, s.recommendationId, s.organization.id]) {
      expect(text).not.toContain(personal);
    }
    expect(text).not.toMatch(/@example\.org|"id"|focal|email|note|message/i);
    await t
      .http()
      .get(`/api/public/progress/${'A'.repeat(43)}`)
      .expect(404, /publication-not-found/);
  });

  it('lists only public pages on the public index', async () => {
    const { token } = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'unlisted' }).expect(200)
    ).body;
    const other = await progressScene(t, s.admin);
    const shown = (
      await t
        .http()
        .put(`/api/groups/${other.group.id}/publication`)
        .set(other.group.facilitator.auth)
        .send({ visibility: 'public' })
        .expect(200)
    ).body;
    const index = (await t.http().get('/api/public/progress').expect(200)).body as {
      token: string;
      groupName: string;
    }[];
    expect(index).toContainEqual({
      token: shown.token,
      groupName: other.groupName,
      overall: { claimed: 0, verified: 0 },
    });
    expect(index.map((e) => e.token)).not.toContain(token);
    const page = await t.http().get(`/api/public/progress/${shown.token}`).expect(200);
    expect(page.headers['x-robots-tag']).toBeUndefined();
  });

  it('serves the widget as escaped, script-free HTML that any site may frame, in Arabic right to left', async () => {
    const { token } = (
      await t.http().put(publication()).set(s.group.facilitator.auth).send({ visibility: 'unlisted' }).expect(200)
    ).body;
    const res = await t.http().get(`/p/${token}/widget?lang=ar`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain('frame-ancestors *');
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('Labour migration &lt;b&gt;&amp;&lt;/b&gt;');
    expect(res.text).not.toContain('<b>&</b>');
    expect(res.text).not.toMatch(/<script/i);
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(res.text).toContain(`<style nonce="${nonce}">`);
    expect((await t.http().get(`/p/${token}/widget`).expect(200)).text).toContain('<html lang="en" dir="ltr">');
    // Every other page keeps its refusal to be framed.
    const api = await t.http().get(`/api/public/progress/${token}`).expect(200);
    expect(api.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
