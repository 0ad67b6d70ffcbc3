import { createTestApp, TestApp } from '../support/test-app';
import {
  createThread,
  insertMessages,
  postMessage,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import type { SearchHitDto } from '../../src/threads/dto/search.dto';
import { ARABIC_TOPICS, corpus, CorpusDocument, ENGLISH_TOPICS } from '../support/search-corpus';

/** A hit as the API answers it (createdAt arrives as the ISO string the DTO declares). */
type Hit = SearchHitDto;

/** Issue 19: search finds Arabic and English as people type them, ranks the right texts first, in their groups only. */
describe('search (Arabic and English)', () => {
  let t: TestApp;
  let group: TestGroup;
  let outsider: TestGroup;
  /** Topic of every corpus message, by id. */
  const topicOf = new Map<string, string>();

  async function search(user: TestUser, query: Record<string, string | number>): Promise<Hit[]> {
    const res = await t.http().get('/api/search').query(query).set(user.auth);
    if (res.status !== 200)
      throw new Error(`search ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Hit[];
  }

  async function seed(target: TestGroup, documents: CorpusDocument[], title: string): Promise<void> {
    const thread = await createThread(t, target.id, target.member, { title });
    const ids = await insertMessages(
      t,
      thread,
      target.member,
      documents.map((document) => document.body),
    );
    if (target === group) ids.forEach((id, i) => topicOf.set(id, documents[i].topic));
  }

  const arabic = corpus(ARABIC_TOPICS, 26, (n) => `ملاحظة رقم ${n + 1}`);
  const english = corpus(ENGLISH_TOPICS, 26, (n) => `Note ${n + 1} from the meeting`);

  beforeAll(async () => {
    t = await createTestApp();
    group = await setupGroup(t);
    outsider = await setupGroup(t);
    await seed(group, arabic, 'مدونة');
    await seed(group, english, 'Corpus');
    // The same words in a group the searching member is not in.
    await seed(outsider, [...arabic.slice(0, 60), ...english.slice(0, 60)], 'Corpus');
  }, 60_000);
  afterAll(() => t.close());

  it('searches corpora of at least 200 documents in each language', () => {
    expect(arabic.length).toBeGreaterThanOrEqual(200);
    expect(english.length).toBeGreaterThanOrEqual(200);
  });

  const marked = async (q: string) => (await search(group.member, { q, limit: 50 })).map((hit) => hit.snippetHtml);

  it('finds Arabic words written with the article from the bare word, and the reverse', async () => {
    expect((await marked('زراعة')).join()).toContain('<mark>الزراعة</mark>');
    expect((await marked('عمال')).join()).toContain('<mark>العمال</mark>');
    expect((await marked('الأطفال')).join()).toContain('<mark>أطفال</mark>');
  });

  it('finds Arabic words across hamza, alef maqsura, ta marbuta, tashkeel and tatweel variants', async () => {
    expect((await marked('اطفال')).join()).toContain('<mark>الأطفال</mark>');
    expect((await marked('ادارة')).join()).toContain('<mark>إدارة</mark>');
    expect((await marked('مؤسسه')).join()).toContain('<mark>مؤسسة</mark>');
    expect((await marked('الزِّرَاعَةُ')).join()).toContain('<mark>الزراعة</mark>');
    expect((await marked('الـزراعة')).join()).toContain('<mark>الزراعة</mark>');
    expect((await marked('الاجئين')).length).toBe(0); // a misspelling is not a variant
    expect((await marked('اللاجئين')).join()).toContain('<mark>اللاجئين</mark>');
  });

  it('joins Arabic singulars and sound plurals the stemmer joins', async () => {
    // Sound plurals (ون/ين/ات) share the singular's stem; broken plurals (طفل/أطفال, عامل/عمال) do not: the
    // Arabic stemmer cannot derive one from the other.
    expect((await marked('مهاجر')).join()).toContain('<mark>المهاجرين</mark>');
    expect((await marked('لاجئ')).join()).toContain('<mark>اللاجئين</mark>');
    expect((await marked('لاجئ')).join()).toContain('<mark>اللاجئون</mark>');
    expect((await marked('مؤسسات')).join()).toContain('<mark>مؤسسة</mark>');
    expect((await marked('العائد')).join()).toContain('<mark>العائدين</mark>');
  });

  it('finds English words by their stems and by their beginnings', async () => {
    expect((await marked('season')).join()).toContain('<mark>Seasonal</mark>');
    expect((await marked('refugees')).join()).toContain('<mark>refugee</mark>');
    expect((await marked('remittance')).join()).toContain('<mark>remittances</mark>');
    expect((await marked('remit')).join()).toContain('<mark>Remittance</mark>');
    expect((await marked('reintegr')).join()).toContain('<mark>Reintegration</mark>');
    expect((await marked('Hospitals')).join()).toContain('<mark>hospitals</mark>');
  });

  it('needs every word of a query: two words find the texts with both', async () => {
    const hits = await search(group.member, { q: 'refugee protection', limit: 50 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.snippetHtml).toMatch(/<mark>Protection<\/mark>.*<mark>refugees<\/mark>/);
  });

  /** Twenty typical queries and the one topic each is about. */
  const QUERIES: [string, string][] = [
    ['زراعة', 'agriculture'],
    ['عمال', 'agriculture'],
    ['اطفال', 'education'],
    ['مدارس', 'education'],
    ['تحويلات', 'remittances'],
    ['مستشفيات', 'health'],
    ['تأشيرات', 'borders'],
    ['مؤسسه', 'partnerships'],
    ['إدماج', 'return'],
    ['حماية اللاجئين', 'refugees'],
    ['season', 'agriculture'],
    ['farm', 'agriculture'],
    ['children', 'education'],
    ['classroom', 'education'],
    ['remit', 'remittances'],
    ['hospital', 'health'],
    ['visa', 'borders'],
    ['partnership', 'partnerships'],
    ['reintegr', 'return'],
    ['refugee protection', 'refugees'],
  ];

  it.each(QUERIES)('ranks only texts on the query’s topic in the first five: %s', async (q, topic) => {
    const hits = await search(group.member, { q, limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((hit) => topicOf.get(hit.id) ?? `not in the corpus: ${hit.kind} ${hit.id}`)).toEqual(
      hits.map(() => topic),
    );
  });

  it('never returns a hit from a group the user is not in', async () => {
    for (const [q] of QUERIES) {
      const hits = await search(group.member, { q, limit: 50 });
      expect(hits.every((hit) => hit.groupId === group.id)).toBe(true);
    }
    // The same queries do find the other group's copies for its own members.
    expect((await search(outsider.member, { q: 'season', limit: 50 })).every((h) => h.groupId === outsider.id)).toBe(
      true,
    );
    expect(await search(outsider.member, { q: 'season' })).not.toHaveLength(0);
  });
});

describe('search over recommendations and action items', () => {
  let t: TestApp;
  let g: TestGroup;
  let recommendationId: string;
  let actionItemId: string;
  let messageAt: string;

  beforeAll(async () => {
    t = await createTestApp();
    g = await setupGroup(t);
    const recommendation = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Bilateral labour agreements',
      proposal: 'Sign agreements on wages for seasonal orchard crews',
    });
    recommendationId = recommendation.id;
    const position = await t
      .http()
      .put(`/api/threads/${recommendationId}/positions`)
      .set(g.member.auth)
      .send({ position: 'object', reason: 'The quarantine rules for livestock handlers are missing' });
    expect(position.status).toBe(200);
    const closed = await t
      .http()
      .post(`/api/threads/${recommendationId}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome: 'adopted-with-changes', statement: 'اعتمدت التوصية مع إضافة فصل عن الثروة الحيوانية' });
    expect(closed.status).toBe(200);
    const item = await t
      .http()
      .post(`/api/groups/${g.id}/actions`)
      .set(g.facilitator.auth)
      .send({ title: 'Draft the apiary guidance', description: 'Beekeepers crossing borders with their hives' });
    expect(item.status).toBe(201);
    actionItemId = item.body.id;
    for (const [kind, body] of [
      ['comment', 'Ask the veterinary directorate about honey exports'],
      ['progress', 'تم التواصل مع نقابة النحالين'],
    ]) {
      const res = await t
        .http()
        .post(`/api/actions/${actionItemId}/comments`)
        .set(g.facilitator.auth)
        .send({ kind, body });
      expect(res.status).toBe(201);
    }
    const discussion = await createThread(t, g.id, g.member, { title: 'Livestock' });
    messageAt = new Date().toISOString();
    await postMessage(t, discussion.id, g.member, 'Livestock handlers and beekeepers met the veterinary office');
  }, 30_000);
  afterAll(() => t.close());

  const search = (user: TestUser, query: Record<string, string>) =>
    t.http().get('/api/search').query(query).set(user.auth);

  it('finds position reasons, outcome statements, action items, comments and progress notes, linked to their place', async () => {
    const kinds = async (q: string) => ((await search(g.observer, { q })).body as Hit[]).map((h) => h);
    const [reason] = await kinds('quarantine');
    expect(reason).toMatchObject({
      kind: 'position',
      id: recommendationId,
      threadId: recommendationId,
      actionItemId: null,
      title: 'Bilateral labour agreements',
      authorId: g.member.id,
    });
    const [outcome] = await kinds('الحيوانية');
    expect(outcome).toMatchObject({ kind: 'outcome', threadId: recommendationId, authorId: g.facilitator.id });
    expect(outcome.snippetHtml).toContain('<mark>الحيوانية</mark>');
    const [proposal] = await kinds('orchard');
    expect(proposal).toMatchObject({ kind: 'thread', id: recommendationId });
    const [item] = await kinds('apiary');
    expect(item).toMatchObject({ kind: 'action-item', id: actionItemId, actionItemId, threadId: null });
    expect(item.title).toBe('Draft the apiary guidance');
    expect((await kinds('beekeeper')).map((h) => h.kind).sort()).toEqual(['action-item', 'message']);
    const [comment] = await kinds('honey');
    expect(comment).toMatchObject({ kind: 'action-item-comment', actionItemId, title: 'Draft the apiary guidance' });
    const [progress] = await kinds('نقابة النحالين');
    expect(progress).toMatchObject({ kind: 'action-item-comment', actionItemId });
  });

  it('filters by kind, author and date range', async () => {
    const hits = async (query: Record<string, string>) =>
      ((await search(g.member, query)).body as Hit[]).map((h) => h.kind).sort();
    expect(await hits({ q: 'livestock' })).toEqual(['message', 'position', 'thread']);
    expect(await hits({ q: 'livestock', kind: 'position' })).toEqual(['position']);
    expect(await hits({ q: 'livestock', authorId: g.member.id })).toEqual(['message', 'position', 'thread']);
    expect(await hits({ q: 'veterinary', authorId: g.facilitator.id })).toEqual(['action-item-comment']);
    expect(await hits({ q: 'livestock', from: messageAt })).toEqual(['message']);
    expect(await hits({ q: 'livestock', to: '2000-01-01' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await hits({ q: 'livestock', from: today, to: today })).toEqual(['message', 'position', 'thread']);
  });

  it('answers 400 naming the field for a bad filter, and 404 for a group the user is not in', async () => {
    for (const [field, value] of [
      ['kind', 'sticker'],
      ['authorId', 'someone'],
      ['from', 'yesterday'],
      ['to', '2026-13-45'],
      ['groupId', 'x'],
    ]) {
      const res = await search(g.member, { q: 'livestock', [field]: value });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    const stranger = await registerUser(t);
    expect((await search(stranger, { q: 'livestock', groupId: g.id })).status).toBe(404);
    expect((await search(stranger, { q: 'livestock' })).body).toEqual([]);
    expect((await search(g.member, { q: '?!' })).body).toEqual([]);
  });
});
