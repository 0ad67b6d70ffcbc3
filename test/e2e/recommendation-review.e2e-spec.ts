import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReviewsService } from '../../src/accountability/reviews.service';
import type { ReviewSummary } from '../../src/accountability/review-summary';
import { TINY_PNG, uploadFile } from '../support/attachment-factories';
import {
  addMember,
  affiliate,
  createAdmin,
  createOrganization,
  createThread,
  notificationsOf,
  registerUser,
  setupGroup,
  TestGroup,
  TestUser,
} from '../support/factories';
import { mailFilesTo } from '../support/mail-files';
import { sleep } from '../support/sockets';
import { createTestApp, TestApp } from '../support/test-app';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The review date does something: on it, a closed recommendation's review opens once, with its progress figures,
 * a discussion summarising them, and the organizations involved (and the followers) asked to restate their position.
 */
describe('recommendation review', () => {
  let t: TestApp;
  let admin: TestUser;
  let reviews: ReviewsService;
  const dataDir = mkdtempSync(join(tmpdir(), 'tansiq-review-'));

  beforeAll(async () => {
    t = await createTestApp({ DATA_DIR: dataDir, JOB_POLL_SECONDS: '0.5' });
    admin = await createAdmin(t);
    reviews = t.app.get(ReviewsService);
  });

  afterAll(() => t.close());

  interface Fixture {
    g: TestGroup;
    recommendationId: string;
    positioned: TestUser;
    lead: TestUser;
    follower: TestUser;
    uninvolved: TestUser;
    reviewDate: string;
  }

  /**
   * A recommendation closed with a review date, its two actions: A led by an organization, claimed 60 % and
   * verified 40 % with one file; B overdue, open, claimed nothing. Hand-computed: claimed (60 + 0) / 2 = 30,
   * verified (40 + 0) / 2 = 20, one overdue action, one file of verified evidence.
   */
  async function fixture(reviewDate = day(3)): Promise<Fixture> {
    const g = await setupGroup(t);
    const [positioned, lead, follower, uninvolved] = await Promise.all([1, 2, 3, 4].map(() => registerUser(t)));
    const [positionOrg, leadOrg, otherOrg] = await Promise.all([1, 2, 3].map(() => createOrganization(t, admin)));
    await affiliate(t, admin, positioned, positionOrg.id);
    await affiliate(t, admin, lead, leadOrg.id);
    await affiliate(t, admin, uninvolved, otherOrg.id);
    for (const user of [positioned, lead, follower, uninvolved])
      await addMember(t, g.id, g.facilitator, user, 'member');
    const recommendation = await createThread(t, g.id, g.facilitator, {
      kind: 'recommendation',
      title: 'Recognise foreign qualifications',
      proposal: 'One procedure for every profession.',
    });
    const position = await t
      .http()
      .put(`/api/threads/${recommendation.id}/positions`)
      .set(positioned.auth)
      .send({ position: 'endorse' });
    expect(position.status).toBe(200);
    const closed = await t
      .http()
      .post(`/api/threads/${recommendation.id}/outcome`)
      .set(g.facilitator.auth)
      .send({ outcome: 'adopted', statement: 'Adopted.', reviewDate });
    expect(closed.status).toBe(200);
    const file = await uploadFile(t, g.id, g.facilitator, {
      name: 'report.png',
      bytes: TINY_PNG,
      contentType: 'image/png',
    });
    const action = async (title: string, extra: Record<string, unknown>) => {
      const res = await t
        .http()
        .post(`/api/groups/${g.id}/actions`)
        .set(g.facilitator.auth)
        .send({ title, sourceType: 'recommendation', sourceId: recommendation.id, ...extra });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const a = await action('Draft the procedure', { leadOrganizationId: leadOrg.id, attachmentIds: [file.id] });
    const b = await action('Train the clerks', {});
    await t.db.query(
      `UPDATE action_items SET status = 'in-progress', progress = 60, verified_progress = 40 WHERE id = $1`,
      [a],
    );
    await t.db.query(`INSERT INTO progress_claims (action_item_id, percent, state) VALUES ($1, 40, 'verified')`, [a]);
    await t.db.query(`UPDATE action_items SET due_date = current_date - 2 WHERE id = $1`, [b]);
    await t.db.query(`INSERT INTO recommendation_followers (thread_id, user_id, reason) VALUES ($1, $2, 'lead')`, [
      recommendation.id,
      follower.id,
    ]);
    return { g, recommendationId: recommendation.id, positioned, lead, follower, uninvolved, reviewDate };
  }

  const reviewRows = (recommendationId: string) =>
    t.db.query(
      `SELECT id, to_char(review_date, 'YYYY-MM-DD') AS "reviewDate", review_thread_id AS "threadId", summary
         FROM recommendation_reviews WHERE recommendation_id = $1 ORDER BY review_date`,
      [recommendationId],
    ) as Promise<{ id: string; reviewDate: string; threadId: string; summary: ReviewSummary }[]>;

  const asked = async (user: TestUser) =>
    (await notificationsOf(t, user)).filter((n) => n.type === 'recommendation.review');

  const setPosition = (user: TestUser, threadId: string) =>
    t.http().put(`/api/threads/${threadId}/positions`).set(user.auth).send({ position: 'object', reason: 'Too slow' });

  it('opens nothing before the review date, then once on it, with the figures, a summary and the right people asked', async () => {
    const f = await fixture();
    // Emails go out in working hours: the follower's are all hours, so theirs is written at once.
    const allHours = { weekendDays: [], workStartHour: 0, workEndHour: 24 };
    expect((await t.http().patch('/api/me').set(f.follower.auth).send(allHours)).status).toBe(200);

    await reviews.run(day(2));
    expect(await reviewRows(f.recommendationId)).toEqual([]);

    await reviews.run(f.reviewDate);
    await reviews.run(f.reviewDate);
    const [review, ...more] = await reviewRows(f.recommendationId);
    expect(more).toEqual([]);
    expect(review.reviewDate).toBe(f.reviewDate);
    expect(review.summary).toEqual({
      claimed: 30,
      verified: 20,
      overdue: 1,
      verifiedEvidence: 1,
      actions: [
        expect.objectContaining({ title: 'Train the clerks', status: 'open', claimed: 0, verified: 0, overdue: true }),
        expect.objectContaining({
          title: 'Draft the procedure',
          status: 'in-progress',
          claimed: 60,
          verified: 40,
          overdue: false,
        }),
      ],
    });

    const thread = await t.http().get(`/api/threads/${review.threadId}`).set(f.positioned.auth);
    expect(thread.status).toBe(200);
    expect(thread.body).toMatchObject({
      kind: 'discussion',
      author: null,
      title: `↻ Recognise foreign qualifications · ${f.reviewDate}`,
    });
    const messages = await t.http().get(`/api/threads/${review.threadId}/messages`).set(f.positioned.auth);
    expect(messages.body.items).toHaveLength(1);
    const [summary] = messages.body.items as { author: unknown; body: string }[];
    expect(summary.author).toBeNull();
    expect(summary.body).toContain('Progress: 30% claimed, 20% verified');
    expect(summary.body).toContain('Overdue actions: 1');
    expect(summary.body).toContain('Files evidencing verified progress: 1');
    expect(summary.body).toContain('التقدم: 30% مُعلَن، 20% مُتحقَّق منه');

    for (const user of [f.positioned, f.lead, f.follower]) {
      const notifications = await asked(user);
      expect(notifications).toHaveLength(1);
      expect(notifications[0]).toMatchObject({
        subjectType: 'thread',
        subjectId: review.threadId,
        data: {
          threadTitle: 'Recognise foreign qualifications',
          recommendationId: f.recommendationId,
          reviewThreadId: review.threadId,
          reviewDate: f.reviewDate,
          claimed: 30,
          verified: 20,
          overdue: 1,
        },
      });
    }
    for (const user of [f.uninvolved, f.g.facilitator, f.g.member]) expect(await asked(user)).toEqual([]);

    const reviewMails = async () =>
      (await mailFilesTo(dataDir, f.follower.email)).filter((m) => m.subject.includes('Review of'));
    for (const deadline = Date.now() + 15_000; (await reviewMails()).length === 0;) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the review email to the follower');
      await sleep(200);
    }
    const mails = await reviewMails();
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/groups/${f.g.id}/threads/${review.threadId}`);
  });

  it('opens a second review on a later review date, and only then', async () => {
    const f = await fixture(day(0));
    await reviews.run(day(0));
    const later = day(30);
    await t.db.query(`UPDATE threads SET review_date = $2 WHERE id = $1`, [f.recommendationId, later]);
    await reviews.run(day(29));
    expect(await reviewRows(f.recommendationId)).toHaveLength(1);
    await reviews.run(later);
    await reviews.run(later);
    const rows = await reviewRows(f.recommendationId);
    expect(rows.map((row) => row.reviewDate)).toEqual([day(0), later]);
    expect(new Set(rows.map((row) => row.threadId)).size).toBe(2);
    expect(await asked(f.lead)).toHaveLength(2);
  });

  it('lets a position be restated on a closed recommendation while its review is open, and not otherwise', async () => {
    const f = await fixture(day(0));
    expect((await setPosition(f.positioned, f.recommendationId)).status).toBe(409);

    await reviews.run(day(0));
    const [review] = await reviewRows(f.recommendationId);
    const restated = await setPosition(f.positioned, f.recommendationId);
    expect(restated.status).toBe(200);
    expect(restated.body.positions).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: f.positioned.id }), position: 'object' }),
    ]);

    const resolved = await t
      .http()
      .patch(`/api/threads/${review.threadId}`)
      .set(f.g.facilitator.auth)
      .send({ status: 'resolved' });
    expect(resolved.status).toBe(200);
    const refused = await setPosition(f.lead, f.recommendationId);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('recommendation-closed');
  });
});
