import { ForbiddenException, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { refusal } from '../common/errors/refusal';
import { ChangeFeedService } from '../events/change-feed.service';
import { JobQueue } from '../jobs/job-queue.service';
import { NotificationsService } from '../notifications/notifications.service';
import { MessagesService } from '../threads/messages.service';
import { ThreadsService } from '../threads/threads.service';
import { reviewMarkdown, reviewSummary } from './review-summary';
import { DueReview, ReviewsRepository } from './reviews.repository';
import { RollUpService } from './roll-up.service';

/** The longest thread title (threads.title). */
const TITLE_MAX = 300;

/**
 * On a closed recommendation's review date, its review: the figures of its progress stored, a discussion opened in
 * its group with their summary, and the organizations involved asked to restate their position. The job queue runs
 * this every five minutes on one node; the review row's key (recommendation, date) is still the claim, inserted in
 * the same transaction as the thread and the notifications, so each review opens exactly once however many nodes
 * run it at once. A new review date is a new review.
 */
@Injectable()
export class ReviewsService implements OnApplicationBootstrap {
  constructor(
    private readonly db: DataSource,
    private readonly reviews: ReviewsRepository,
    private readonly rollUp: RollUpService,
    private readonly threads: ThreadsService,
    private readonly messages: MessagesService,
    private readonly feed: ChangeFeedService,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work('reviews.tick', 1, async () => void (await this.run()));
  }

  /** A workspace admin opens what is due now, on this node, instead of waiting for the next tick. */
  async runNow(user: AuthUser): Promise<{ opened: number }> {
    if (!user.isAdmin) throw new ForbiddenException(refusal('workspace-admin-only'));
    return { opened: await this.run() };
  }

  /** Opens the reviews due as of `today` (YYYY-MM-DD, UTC); returns how many this node opened. */
  async run(today = new Date().toISOString().slice(0, 10)): Promise<number> {
    let opened = 0;
    for (const due of await this.reviews.due(today)) if (await this.open(due)) opened += 1;
    return opened;
  }

  private open(due: DueReview): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const reviewId = await this.reviews.claim(tx, due.id, due.reviewDate);
      if (!reviewId) return false; // another node opened it
      const rollUp = await this.rollUp.build(due.groupId, tx);
      const recommendation = rollUp.recommendations.find((r) => r.id === due.id)!;
      const summary = reviewSummary(recommendation, await this.reviews.verifiedItems(tx, due.id));
      // A mark any language reads, not a word: the title is seen by readers of both.
      const title = `↻ ${due.title} · ${due.reviewDate}`.slice(0, TITLE_MAX);
      const threadId = await this.reviews.insertThread(tx, due.groupId, title);
      await this.feed.append(tx, due.groupId, 'thread.created', await this.threads.load(tx, threadId), null);
      await this.messages.insertSystem(
        tx,
        { id: threadId, groupId: due.groupId },
        reviewMarkdown(summary, due.reviewDate),
      );
      await this.reviews.complete(tx, reviewId, threadId, summary);
      const asked = await this.reviews.askedOf(tx, due.id, due.groupId);
      await this.notifications.notify(
        asked,
        {
          type: 'recommendation.review',
          groupId: due.groupId,
          subjectType: 'thread',
          subjectId: threadId,
          data: {
            groupName: due.groupName,
            actorId: null,
            actorName: null,
            threadTitle: due.title,
            recommendationId: due.id,
            reviewThreadId: threadId,
            reviewDate: due.reviewDate,
            claimed: summary.claimed,
            verified: summary.verified,
            overdue: summary.overdue,
          },
        },
        tx,
      );
      return true;
    });
  }
}
