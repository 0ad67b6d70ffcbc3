import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Message } from './message.entity';

/** Each earlier text of an edited message, visible to the group. */
@Entity('message_versions')
@Index('message_versions_message_idx', ['messageId', 'createdAt'])
export class MessageVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  /** When this text was replaced. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;
}
