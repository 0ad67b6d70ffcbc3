/** SQL expressions (parameters, literals or columns of the statement) that make up one appended event. */
export interface FeedAppendParts {
  /** The group whose feed is appended to, e.g. `$1`. */
  groupId: string;
  type: string;
  /** The payload (jsonb); it may read `seq` and `at`, the event's number and time. */
  payload: string;
  actorId: string;
  /** Conditions on the whole write: when one fails no seq is taken, nothing is appended and both CTEs are empty. */
  onlyIf?: string[];
}

/**
 * The change feed's append, written once, as two common table expressions for a writer's statement:
 * - `feed_seq` takes the group's next seq inside the write. Its UPDATE locks the group row until commit, so seqs
 *   commit in order and a reader never sees seq n+1 before n. It also gives the event's time, `at`: the
 *   transaction's, cut to milliseconds (a JavaScript Date's precision), so whatever the statement writes with it
 *   and every later read say the same instant.
 * - `feed_event` stores the event and returns its `seq`, `payload` and `created_at`.
 * ChangeFeedService.append is built from it, and so is the message insert, which stores its event within its own
 * statement to keep a send one round trip.
 */
export function feedAppend(parts: FeedAppendParts): string {
  const conditions = (parts.onlyIf ?? []).map((condition) => `\n       AND ${condition}`).join('');
  return `feed_seq AS (
    UPDATE working_groups SET last_seq = last_seq + 1
     WHERE id = ${parts.groupId}${conditions}
    RETURNING last_seq AS seq, date_trunc('milliseconds', now()) AS at
  ), feed_event AS (
    INSERT INTO group_events (group_id, seq, type, payload, actor_id, created_at)
    SELECT ${parts.groupId}, seq, ${parts.type}, ${parts.payload}, ${parts.actorId}, at FROM feed_seq
    RETURNING seq, payload, created_at
  )`;
}

/** SQL that makes up several events of one group appended by one statement (a group commit). */
export interface FeedAppendRowsParts {
  groupId: string;
  /** A CTE of the rows to append, with `ord`: their order, 1, 2, … without gaps. */
  rows: string;
  type: string;
  /** The payload of each row (jsonb); it may read the row's columns, `seq` and `at`. */
  payload: string;
  actorId: string;
}

/**
 * `feedAppend` for several rows at once: `feed_seq` takes as many seqs as `rows` has, in one UPDATE of the group row
 * (the same lock, so a batch's seqs are consecutive and commit in order with every other writer's), and
 * `feed_rows` is each row with its seq (`first_seq` + `ord` − 1) and the shared `at`. `feed_event` stores the events
 * and returns `seq`, `payload` and `created_at`. With no rows nothing is locked or appended.
 */
export function feedAppendRows(parts: FeedAppendRowsParts): string {
  return `feed_seq AS (
    UPDATE working_groups SET last_seq = last_seq + (SELECT count(*) FROM ${parts.rows})
     WHERE id = ${parts.groupId} AND EXISTS (SELECT 1 FROM ${parts.rows})
    RETURNING last_seq - (SELECT count(*) FROM ${parts.rows}) + 1 AS first_seq,
      date_trunc('milliseconds', now()) AS at
  ), feed_rows AS (
    SELECT r.*, f.first_seq + r.ord - 1 AS seq, f.at FROM ${parts.rows} r CROSS JOIN feed_seq f
  ), feed_event AS (
    INSERT INTO group_events (group_id, seq, type, payload, actor_id, created_at)
    SELECT ${parts.groupId}, seq, ${parts.type}, ${parts.payload}, ${parts.actorId}, at FROM feed_rows ORDER BY seq
    RETURNING seq, payload, created_at
  )`;
}

/** One event of any type, in the caller's transaction: $1 group, $2 type, $3 payload (JSON text), $4 actor. */
export const FEED_APPEND = `WITH ${feedAppend({ groupId: '$1', type: '$2', payload: '$3', actorId: '$4' })}
  SELECT seq, created_at FROM feed_event`;
