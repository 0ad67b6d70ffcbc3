import { Check, CreateDateColumn, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Thread } from '../../threads/entities/thread.entity';
import { User } from '../../users/entities/user.entity';

/**
 * Someone who follows a recommendation: hears of its progress and its reviews. Endorsers follow from the moment
 * they take the position, focal people of its actions from the moment they are named.
 */
@Entity('recommendation_followers')
@Index('recommendation_followers_user_idx', ['userId'])
@Check('recommendation_followers_reason_check', `"reason" IN ('position', 'lead')`)
export class RecommendationFollower {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  reason: 'position' | 'lead';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
