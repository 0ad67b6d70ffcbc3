import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Thread } from '../../threads/entities/thread.entity';

/**
 * A review of a recommendation on its outcome's review date. The unique key (recommendation, date) is the claim:
 * whichever node inserts it opens the review thread, exactly once; a new review date is a new review.
 */
@Entity('recommendation_reviews')
@Unique('recommendation_reviews_once', ['recommendationId', 'reviewDate'])
export class RecommendationReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Thread;

  @Column({ name: 'review_date', type: 'date' })
  reviewDate: string;

  /** The discussion the review opened. */
  @Column({ name: 'review_thread_id', type: 'uuid', nullable: true })
  reviewThreadId: string | null;

  @ManyToOne(() => Thread, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'review_thread_id' })
  reviewThread?: Thread | null;

  /** What the review found, as figures (never prose): progress, overdue actions, verified evidence. */
  @Column({ type: 'jsonb' })
  summary: Record<string, unknown>;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
