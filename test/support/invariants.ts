import { DataSource } from 'typeorm';

/**
 * Rules the data must keep whatever requests came before, each as a query counting the rows that break it.
 * A suite that throws garbage or concurrency at the app ends with `expect(await brokenInvariants(db)).toEqual({})`.
 */
const INVARIANTS: Record<string, string> = {
  'groups without a facilitator': `SELECT count(*) AS n FROM working_groups g
      WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id AND m.role = 'facilitator')`,
  // Events past retention are deleted from the oldest end, so what is kept runs without a gap up to last_seq.
  'groups whose kept seq has a gap or duplicate': `SELECT count(*) AS n FROM (
      SELECT group_id FROM group_events GROUP BY group_id
      HAVING max(seq) - min(seq) + 1 <> count(*) OR count(DISTINCT seq) <> count(*)) broken`,
  'groups whose last_seq is not their newest event': `SELECT count(*) AS n FROM working_groups g
      JOIN (SELECT group_id, max(seq) AS top FROM group_events GROUP BY group_id) e ON e.group_id = g.id
      WHERE e.top <> g.last_seq`,
  'memberships without a user': `SELECT count(*) AS n FROM memberships m
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)`,
  'memberships with an unknown role': `SELECT count(*) AS n FROM memberships
      WHERE role NOT IN ('facilitator', 'member', 'observer')`,
  'replies whose parent is in another thread': `SELECT count(*) AS n FROM messages m
      JOIN messages p ON p.id = m.parent_id WHERE p.thread_id <> m.thread_id`,
  'replies to replies': `SELECT count(*) AS n FROM messages m
      JOIN messages p ON p.id = m.parent_id WHERE p.parent_id IS NOT NULL`,
  'messages outside their thread group': `SELECT count(*) AS n FROM messages m
      JOIN threads t ON t.id = m.thread_id WHERE t.group_id <> m.group_id`,
  'threads whose message count is not their live messages': `SELECT count(*) AS n FROM threads t
      WHERE t.message_count <> (SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL)`,
  'action items with a stale version': `SELECT count(*) AS n FROM action_items WHERE version < 1`,
};

/** The invariants that do not hold, with how many rows break each; `{}` when all hold. */
export async function brokenInvariants(db: DataSource): Promise<Record<string, number>> {
  const broken: Record<string, number> = {};
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const [row]: { n: string | number }[] = await db.query(sql);
    if (Number(row.n) > 0) broken[name] = Number(row.n);
  }
  return broken;
}

export const INVARIANT_NAMES = Object.keys(INVARIANTS);
