import { DataSource, EntityManager } from 'typeorm';

/** One advisory lock for every seeding process on a database: nodes starting together seed one after another. */
const SEED_LOCK = 7_301_001;
const LOCK_POLL_MS = 200;

/**
 * What the demo seed looks up before each step: its rows by their natural keys (an email, a group's name, a title
 * within a group), so a run that was interrupted finds what is already there and does only the rest.
 */
export class SeedRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Runs `work` while this process holds the seed lock, on a connection of its own (which ends with the process, so
   * a killed seed never keeps the lock). A second process waits here, then finds the work done.
   */
  async locked<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      // Polled rather than waited for: a seed takes longer than the pool's statement limit allows one query.
      for (;;) {
        const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
          SEED_LOCK,
        ]);
        if (locked) break;
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  async userId(email: string): Promise<string | null> {
    return this.one<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]).then((row) => row?.id ?? null);
  }

  async groupId(name: string): Promise<string | null> {
    return this.one<{ id: string }>('SELECT id FROM working_groups WHERE name = $1 ORDER BY created_at LIMIT 1', [
      name,
    ]).then((row) => row?.id ?? null);
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return (
      (await this.one('SELECT 1 FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId])) !== null
    );
  }

  /** The thread titled so in the group, with how many messages it holds and whether it is still open. */
  async thread(groupId: string, title: string): Promise<{ id: string; status: string; messages: number } | null> {
    return this.one(
      `SELECT t.id, t.status, (SELECT count(*)::int FROM messages m WHERE m.thread_id = t.id) AS messages
         FROM threads t WHERE t.group_id = $1 AND t.title = $2 ORDER BY t.created_at LIMIT 1`,
      [groupId, title],
    );
  }

  async hasPosition(threadId: string, userId: string): Promise<boolean> {
    return (
      (await this.one('SELECT 1 FROM positions WHERE thread_id = $1 AND user_id = $2', [threadId, userId])) !== null
    );
  }

  async actionItem(groupId: string, title: string): Promise<{ id: string; status: string; version: number } | null> {
    return this.one(
      `SELECT id, status, version FROM action_items WHERE group_id = $1 AND title = $2 ORDER BY created_at LIMIT 1`,
      [groupId, title],
    );
  }

  async actionItemExists(title: string): Promise<boolean> {
    return (await this.one('SELECT 1 FROM action_items WHERE title = $1 LIMIT 1', [title])) !== null;
  }

  /** An action item by its title anywhere (the demo's titles are unique), with its group. */
  actionItemByTitle(title: string): Promise<{ id: string; groupId: string } | null> {
    return this.one('SELECT id, group_id AS "groupId" FROM action_items WHERE title = $1', [title]);
  }

  /** An item's milestones: what the progress step made of it already. */
  milestones(actionItemId: string): Promise<{ id: string; title: string; done: boolean }[]> {
    return this.db.query(
      'SELECT id, title, done_at IS NOT NULL AS done FROM action_item_milestones WHERE action_item_id = $1',
      [actionItemId],
    );
  }

  /** An item's claims in the order they were made. */
  claims(actionItemId: string): Promise<{ id: string; state: string }[]> {
    return this.db.query('SELECT id, state FROM progress_claims WHERE action_item_id = $1 ORDER BY claimed_at, id', [
      actionItemId,
    ]);
  }

  /** Whether the recommendation of this title has had a review: the seed's last step. */
  async reviewed(title: string): Promise<boolean> {
    return (
      (await this.one(
        `SELECT 1 FROM recommendation_reviews r JOIN threads t ON t.id = r.recommendation_id WHERE t.title = $1`,
        [title],
      )) !== null
    );
  }

  private async one<T>(sql: string, parameters: unknown[], db: EntityManager = this.db.manager): Promise<T | null> {
    const rows: T[] = await db.query(sql, parameters);
    return rows[0] ?? null;
  }
}
