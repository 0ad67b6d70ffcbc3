import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CheckIn } from './check-in.entity';

/** One date a check-in asked. Its key is the claim: whichever node inserts it asks, exactly once per date. */
@Entity('check_in_requests')
export class CheckInRequest {
  @PrimaryColumn({ name: 'check_in_id', type: 'uuid' })
  checkInId: string;

  @ManyToOne(() => CheckIn, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_in_id' })
  checkIn?: CheckIn;

  @PrimaryColumn({ name: 'due_date', type: 'date' })
  dueDate: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}
