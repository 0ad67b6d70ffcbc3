import { NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The group a thread or message lives in, so the access policy can be asked; 404 when there is none. */
export async function groupOfThread(db: DataSource | EntityManager, threadId: string): Promise<string> {
  const [row]: { group_id: string }[] = await db.query('SELECT group_id FROM threads WHERE id = $1', [threadId]);
  if (!row) throw new NotFoundException('Thread not found');
  return row.group_id;
}

export async function groupOfMessage(db: DataSource | EntityManager, messageId: string): Promise<string> {
  const [row]: { group_id: string }[] = await db.query('SELECT group_id FROM messages WHERE id = $1', [messageId]);
  if (!row) throw new NotFoundException('Message not found');
  return row.group_id;
}
