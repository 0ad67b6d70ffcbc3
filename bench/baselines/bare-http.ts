/**
 * The REST baseline: Node's http module and a raw `pg` pool (10 connections, as the product's) doing the same work
 * as the product's routes, query for query — token verification (HS256, issuer, audience), the session lookup, the
 * access query, the page and reactions queries — with the product's own statements and DTO mappers loaded from
 * its build, so the responses have the same shape and size. What it leaves out is the framework: Express, Nest's
 * pipes, guards, interceptors and filters, passport, class-validator/class-transformer, TypeORM, helmet, pino-http
 * (the repositories' modules are loaded for their statements' text; nothing of Nest or TypeORM runs per request).
 * Like the product's, its statements are prepared once per connection (named), so the database side costs the same.
 */
import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import jwt from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';
import { installBenchIpc } from '../lib/ipc-server';

/** Runs a parameterized statement as a named prepared statement, one name per distinct text. */
const statementNames = new Map<string, string>();
function prepared<R extends QueryResultRow = QueryResultRow>(
  db: Pool | PoolClient,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  let name = statementNames.get(text);
  if (name === undefined) statementNames.set(text, (name = `bare${statementNames.size}`));
  return db.query<R>({ name, text, values });
}

/** What the baseline uses of the product's message DTO module (dist/threads/dto/message.dto.js). */
interface MessageDtoModule {
  toMessageDto(row: QueryResultRow, reactions: Reaction[]): object;
  toReactionSummaries(groups: QueryResultRow[]): Map<string, Reaction[]>;
}

/** What it uses of the product's message and reaction repositories: their statements' text. */
interface MessageRepositoryModule {
  MESSAGE_PAGES: { older: string };
}
interface ReactionRepositoryModule {
  REACTIONS_OF: string;
}
/** And of the change feed's (dist/events/change-feed.repository.js): its append statement. */
interface FeedRepositoryModule {
  FEED_APPEND: string;
}

/**
 * What it uses of the action item's repository (ACTION_SELECT, dist/action-items/action-item.repository.js) and DTO
 * (toActionItemDto, dist/action-items/dto/action-item.dto.js). Builds before issue 15 kept both in the DTO file.
 */
interface ActionDtoModule {
  ACTION_SELECT: string;
  toActionItemDto(row: QueryResultRow): { groupId: string; title: string; version: number };
}

interface Reaction {
  emoji: string;
  count: number;
  userIds: string[];
}

// Compiled to dist-bench/baselines/, two folders below the repository like bench/baselines/.
const DIST = process.env.BENCH_PRODUCT_MAIN
  ? join(process.env.BENCH_PRODUCT_MAIN, '..')
  : join(__dirname, '../../dist');
// The product's build is loaded at run time, by path (the run's snapshot of dist/): typed by the interfaces above.
/* eslint-disable @typescript-eslint/no-require-imports -- the product's build, loaded by path at run time */
const messagesDto = require(join(DIST, 'threads/dto/message.dto.js')) as MessageDtoModule;
const messageSql = require(join(DIST, 'threads/message.repository.js')) as MessageRepositoryModule;
const reactionSql = require(join(DIST, 'threads/reaction.repository.js')) as ReactionRepositoryModule;
const feedSql = require(join(DIST, 'events/change-feed.repository.js')) as FeedRepositoryModule;
const actionDtoPath = join(DIST, 'action-items/dto/action-item.dto.js');
const actionRepositoryPath = join(DIST, 'action-items/action-item.repository.js');
const actionDto = existsSync(actionDtoPath)
  ? ({
      ...(require(actionDtoPath) as Partial<ActionDtoModule>),
      ...(existsSync(actionRepositoryPath) ? (require(actionRepositoryPath) as Partial<ActionDtoModule>) : {}),
    } as ActionDtoModule)
  : null;
/* eslint-enable @typescript-eslint/no-require-imports */

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// A KeyObject, not the string: jsonwebtoken otherwise tries createPublicKey() on the string and catches the
// failure on every verification (~0.5 ms of CPU each on this machine, against ~10 µs).
const SECRET = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? ''));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const READERS = ['facilitator', 'member', 'observer'];

/** The session's user, as the product's session query selects it. */
interface User {
  id: string;
  email: string;
  display_name: string;
  organization_id: string | null;
  is_admin: boolean;
  locale: string;
}

const send = (res: ServerResponse, status: number, body: object) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};
const fail = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { statusCode: status, error: http.STATUS_CODES[status], message });

/** Bearer token → the user behind a live session (the product's session query), or null. */
async function authenticate(req: IncomingMessage): Promise<User | null> {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return null;
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(header.slice(7), SECRET, {
      algorithms: ['HS256'],
      issuer: 'tansiq',
      audience: 'tansiq-api',
    });
    if (typeof verified === 'string') return null;
    claims = verified;
  } catch {
    return null;
  }
  const { rows } = await prepared<User>(
    pool,
    `SELECT u.id, u.email, u.display_name, u.organization_id, u.is_admin, u.locale
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
    [claims.sid, claims.sub],
  );
  return rows[0] ?? null;
}

/** The product's access query for one group; true when one of `roles` (or the admin) holds it. */
async function allowed(
  db: Pool | PoolClient,
  user: User,
  groupId: string,
  roles: string[],
  adminToo: boolean,
): Promise<boolean> {
  const { rows } = await prepared<{ id: string; archived: boolean; role: string | null }>(
    db,
    `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
       FROM working_groups g
       LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
      WHERE g.id = ANY($2::uuid[])`,
    [user.id, [groupId]],
  );
  const row = rows[0];
  return Boolean(row && ((user.is_admin && adminToo) || (row.role && roles.includes(row.role))));
}

async function reactionsOf(db: Pool | PoolClient, ids: string[]): Promise<Map<string, Reaction[]>> {
  if (ids.length === 0) return new Map();
  const { rows } = await prepared(db, reactionSql.REACTIONS_OF, [ids]);
  return messagesDto.toReactionSummaries(rows);
}

async function listMessages(req: IncomingMessage, res: ServerResponse, threadId: string, url: URL): Promise<void> {
  if (!UUID.test(threadId)) return fail(res, 400, 'threadId must be a UUID');
  const limit = Number(url.searchParams.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(res, 400, 'limit must be 1..100');
  const user = await authenticate(req);
  if (!user) return fail(res, 401, 'Unauthorized');
  // The product's access check for a thread: its group and the user's role in one query.
  const { rows: access } = await prepared<{ id: string; archived: boolean; role: string | null }>(
    pool,
    `SELECT g.id, g.archived_at IS NOT NULL AS archived, m.role
       FROM threads s JOIN working_groups g ON g.id = s.group_id
       LEFT JOIN memberships m ON m.group_id = g.id AND m.user_id = $1
      WHERE s.id = $2`,
    [user.id, threadId],
  );
  const row = access[0];
  if (!row || !(user.is_admin || (row.role && READERS.includes(row.role)))) return fail(res, 404, 'Thread not found');
  const { rows } = await prepared(pool, messageSql.MESSAGE_PAGES.older, [threadId, null, limit + 1]);
  const page = rows.slice(0, limit).reverse();
  const reactions = await reactionsOf(
    pool,
    page.map((r) => r.id),
  );
  send(res, 200, {
    items: page.map((r) => messagesDto.toMessageDto(r, reactions.get(r.id) ?? [])),
    hasOlder: rows.length > limit,
    hasNewer: false,
  });
}

/** PATCH /api/actions/:id with { version, title }: the product's update, as one transaction of raw queries. */
async function updateAction(req: IncomingMessage, res: ServerResponse, actionId: string): Promise<void> {
  if (!actionDto) return fail(res, 404, 'no action items in this build');
  if (!UUID.test(actionId)) return fail(res, 400, 'actionId must be a UUID');
  let body = '';
  for await (const chunk of req) body += chunk;
  let dto: { version?: unknown; title?: unknown };
  try {
    dto = JSON.parse(body) as { version?: unknown; title?: unknown };
  } catch {
    return fail(res, 400, 'bad JSON');
  }
  if (!Number.isInteger(dto.version) || typeof dto.title !== 'string' || dto.title.trim().length < 3)
    return fail(res, 400, 'invalid');
  const user = await authenticate(req);
  if (!user) return fail(res, 401, 'Unauthorized');
  const dtos = actionDto;
  const load = async (db: Pool | PoolClient) =>
    (await prepared(db, `${actionDto.ACTION_SELECT} WHERE a.id = $1`, [actionId])).rows[0];
  const currentRow = await load(pool);
  const current = currentRow && dtos.toActionItemDto(currentRow);
  if (!current || !(await allowed(pool, user, current.groupId, READERS, true)))
    return fail(res, 404, 'Action item not found');
  if (!(await allowed(pool, user, current.groupId, ['facilitator'], true))) return fail(res, 403, 'Forbidden');
  if (current.version !== dto.version)
    return send(res, 409, { statusCode: 409, error: 'Conflict', message: 'stale', current });
  const title = dto.title.trim();
  if (title === current.title) return send(res, 200, current);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await prepared(
      client,
      'UPDATE action_items SET title = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2',
      [actionId, dto.version, title],
    );
    if (updated.rowCount === 0) {
      await client.query('ROLLBACK');
      return send(res, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'stale',
        current: dtos.toActionItemDto(await load(pool)),
      });
    }
    await prepared(
      client,
      'INSERT INTO action_item_changes (action_item_id, field, before, after, actor_id) VALUES ($1, $2, $3, $4, $5)',
      [actionId, 'title', JSON.stringify(current.title), JSON.stringify(title), user.id],
    );
    const item = dtos.toActionItemDto(await load(client));
    // The product's feed append: the group's next seq and the event in one statement.
    await prepared(client, feedSql.FEED_APPEND, [item.groupId, 'action.updated', JSON.stringify(item), user.id]);
    await client.query('COMMIT');
    send(res, 200, item);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bench');
  const parts = url.pathname.split('/');
  let work: Promise<void>;
  if (req.method === 'GET' && url.pathname === '/api/health') {
    work = pool.query('SELECT 1').then(() => send(res, 200, { status: 'ok', database: 'up', redis: 'not-configured' }));
  } else if (req.method === 'GET' && parts[2] === 'threads' && parts[4] === 'messages' && parts.length === 5) {
    work = listMessages(req, res, parts[3], url);
  } else if (req.method === 'PATCH' && parts[2] === 'actions' && parts.length === 4) {
    work = updateAction(req, res, parts[3]);
  } else {
    return fail(res, 404, 'Not Found');
  }
  work.catch((error: Error) => {
    if (!res.headersSent) fail(res, 500, 'Internal server error');
    process.stderr.write(`${error.stack}\n`);
  });
});

installBenchIpc({
  ready: () =>
    new Promise((resolve) => {
      const port = () => ({ port: (server.address() as AddressInfo).port });
      if (server.listening) return resolve(port());
      server.once('listening', () => resolve(port()));
    }),
  actionItems: () => ({ available: Boolean(actionDto) }),
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
