import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';
import { Thread } from './thread.entity';

/** How far a user has read a thread, as a message seq: messages with a greater seq are unread. */
@Entity('thread_reads')
@Index('thread_reads_user_idx', ['userId'])
export class ThreadRead {
  @PrimaryColumn({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'last_read_seq', type: 'bigint' })
  lastReadSeq: string;

  @ManyToOne(() => Thread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Thread;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
