/**
 * The capacity benchmark's simulated users, run inside a load generator (generator.ts forks; these are its
 * `capacity*` ops). Each user holds one socket (the lean Socket.IO client) and one keep-alive HTTP agent slot, and
 * loops: think for ~5 s (uniform 2.5–7.5 s), then do one action drawn from the mix (capacity.ts MIX), timed from
 * the request to its answer. Closed loop: a slow server slows the users down, as it would real ones.
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LeanSocket, now } from './lean-socket';
import { Histogram } from './histogram';
import type {
  CapacityAction,
  CapacityAddParams,
  CapacityAddResult,
  CapacitySnapshot,
  CapacityUser,
} from './generator-protocol';

interface SimUser {
  spec: CapacityUser;
  socket: LeanSocket;
  /** Message ids of the last page the user read: what they react to. */
  seen: string[];
  /** The user's own last post: what they edit. */
  lastPost: string | null;
  /** The action items they answer for, with the version and status they last saw. */
  items: { id: string; version: number; status: string }[];
  timer: NodeJS.Timeout | null;
  stopped: boolean;
}

/** What the search box is typed with: words the data set's messages use, Arabic and English. */
const QUERIES = ['الهجرة', 'العمال', 'التعاون', 'migration', 'workers', 'report', 'meeting', 'plan'];
const EMOJI = ['👍', '🎉', '❤️', '👀'];
const ACTION_TIMEOUT_MS = 10_000;

let users: SimUser[] = [];
let mix: { kind: CapacityAction; cumulative: number }[] = [];
let thinkMs = 5000;
let baseUrl = '';
let agent: Agent | null = null;
let histograms = new Map<CapacityAction, Histogram>();
let errors = new Map<CapacityAction, number>();
let conflicts = 0;
let typingSent = 0;
let sampleErrors: string[] = [];
let cpuMark = process.cpuUsage();
let wallMark = now();

function record(kind: CapacityAction, ms: number): void {
  let h = histograms.get(kind);
  if (!h) histograms.set(kind, (h = new Histogram()));
  h.record(ms);
}

function fail(kind: CapacityAction, ms: number, why: string): void {
  record(kind, ms);
  errors.set(kind, (errors.get(kind) ?? 0) + 1);
  const line = `${kind}: ${why}`.slice(0, 240);
  if (sampleErrors.length < 10 && !sampleErrors.includes(line)) sampleErrors.push(line);
}

/** One HTTP request on the shared keep-alive agent; resolves with the status and the body (as text). */
function http(
  method: string,
  path: string,
  token: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${baseUrl}${path}`,
      {
        method,
        agent: agent ?? undefined,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...headers,
        },
        timeout: ACTION_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

/** Runs one action of the mix for a user; records its latency (and an error when it failed). */
async function act(user: SimUser, kind: CapacityAction): Promise<void> {
  const { spec } = user;
  // Posts and reactions go where the user may write; an observer-only user reads instead.
  const writes = kind === 'post' || kind === 'reaction';
  const writable = writes ? spec.groups.filter((g) => g.writer) : spec.groups;
  if (writable.length === 0 || (kind === 'reaction' && !user.seen.length && !spec.messageIds.length))
    kind = 'threadList';
  const group = pick(writable.length ? writable : spec.groups);
  const threadId = pick(group.threadIds);
  const started = now();
  const ok = () => record(kind, now() - started);
  const expect = async (method: string, path: string, body?: object, statuses = [200]) => {
    const res = await http(method, path, spec.token, body);
    if (!statuses.includes(res.status)) throw new Error(`${method} answered ${res.status}: ${res.text.slice(0, 120)}`);
    return res;
  };
  const emit = async (event: string, payload: object) => {
    const { answer } = await user.socket.emitWithAck(event, payload, ACTION_TIMEOUT_MS);
    if (!answer?.ok) throw new Error(`${event}: ${JSON.stringify(answer?.error ?? answer).slice(0, 120)}`);
    return answer;
  };
  try {
    switch (kind) {
      case 'threadList':
        await expect('GET', `/api/groups/${group.id}/threads`);
        return ok();
      case 'messagePage': {
        const res = await expect('GET', `/api/threads/${threadId}/messages?limit=30`);
        ok();
        // Only the ids, for reactions: a regular expression over the text instead of a parse of the whole page.
        const ids = [...res.text.matchAll(/"id":"([0-9a-f-]{36})","threadId"/g)].map((m) => m[1]);
        if (ids.length && group.writer) user.seen = ids;
        return undefined;
      }
      case 'post':
        // The composer announces typing first, as the web client does while the text is written.
        user.socket.emit('typing', { groupId: group.id, threadId });
        typingSent += 1;
        {
          const answer = await emit('message.send', {
            threadId,
            body: `capacity ${spec.index} ${Math.round(started)} migration report`,
            clientId: randomUUID(),
          });
          ok();
          user.lastPost = (answer.data as { message?: { id?: string } } | undefined)?.message?.id ?? user.lastPost;
        }
        return undefined;
      case 'editPost':
        if (!user.lastPost) {
          // Nothing of theirs to edit yet: they read a thread instead.
          await expect('GET', `/api/threads/${threadId}/messages?limit=30`);
          return ok();
        }
        await expect('PATCH', `/api/messages/${user.lastPost}`, {
          body: `capacity ${spec.index} edited ${Math.round(started)} migration report`,
        });
        return ok();
      case 'reaction': {
        const messageId = user.seen.length ? pick(user.seen) : pick(spec.messageIds);
        await expect('POST', `/api/messages/${messageId}/reactions`, { emoji: pick(EMOJI) });
        return ok();
      }
      case 'markRead':
        await expect('PUT', `/api/threads/${threadId}/read`, {});
        return ok();
      case 'notifications':
        await expect('GET', '/api/notifications?limit=20');
        return ok();
      case 'myActions':
        await expect('GET', '/api/me/actions');
        return ok();
      case 'actionUpdate': {
        const item = user.items.length ? pick(user.items) : null;
        if (!item) {
          // A user answering for no item opens the group's action list instead.
          await expect('GET', `/api/groups/${group.id}/actions`);
          return ok();
        }
        const to = item.status === 'open' ? 'in-progress' : 'open';
        const res = await http(
          'PATCH',
          `/api/actions/${item.id}`,
          spec.token,
          { status: to },
          {
            'If-Match': `"${item.version}"`,
          },
        );
        if (res.status === 200) {
          ok();
          const answer = JSON.parse(res.text) as { version: number; status: string };
          item.version = answer.version;
          item.status = answer.status;
        } else if (res.status === 412 || res.status === 409) {
          // Someone else changed it meanwhile: the answer carries the item as it is now; the next try uses it.
          ok();
          conflicts += 1;
          const answer = JSON.parse(res.text) as { current?: { version: number; status: string } };
          if (answer.current) {
            item.version = answer.current.version;
            item.status = answer.current.status;
          }
        } else throw new Error(`PATCH answered ${res.status}: ${res.text.slice(0, 120)}`);
        return undefined;
      }
      case 'search':
        await expect('GET', `/api/search?q=${encodeURIComponent(pick(QUERIES))}`);
        return ok();
      case 'presence':
        await emit('presence.get', { groupId: group.id });
        return ok();
      case 'sync':
        // A reconnecting client catches up from the seq it last saw.
        await emit('sync', { groupId: group.id, after: Math.max(0, group.lastSeq - 20), limit: 50 });
        return ok();
    }
  } catch (error) {
    fail(kind, now() - started, (error as Error).message);
  }
}

function drawAction(): CapacityAction {
  const r = Math.random() * mix[mix.length - 1].cumulative;
  return (mix.find((m) => r < m.cumulative) ?? mix[mix.length - 1]).kind;
}

function schedule(user: SimUser, delayMs: number): void {
  if (user.stopped) return;
  user.timer = setTimeout(() => {
    user.timer = null;
    if (user.stopped || !user.socket.connected) return;
    void act(user, drawAction()).then(() => schedule(user, thinkMs * (0.5 + Math.random())));
  }, delayMs);
}

/** Connects new users (sockets), then starts their loops, each first action at a random point of one think time. */
export async function capacityAdd(params: CapacityAddParams): Promise<CapacityAddResult> {
  baseUrl = params.url;
  thinkMs = params.thinkMs;
  agent ??= new Agent({ keepAlive: true, maxSockets: params.maxHttpConnections });
  let total = 0;
  mix = params.mix.map(([kind, weight]) => ({ kind, cumulative: (total += weight) }));
  const started = now();
  const added: SimUser[] = params.users.map((spec) => ({
    spec,
    socket: new LeanSocket(params.url, { token: spec.token }, () => undefined),
    seen: [],
    lastPost: null,
    items: spec.items.map((i) => ({ ...i })),
    timer: null,
    stopped: false,
  }));
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(params.concurrency, added.length) }, async () => {
      while (next < added.length) {
        const user = added[next++];
        try {
          await user.socket.connect(30_000);
          user.socket.onClose = (reason) => {
            const line = `socket closed: ${reason}`;
            if (sampleErrors.length < 10 && !sampleErrors.includes(line)) sampleErrors.push(line);
          };
        } catch (error) {
          failed += 1;
          const line = `connect: ${(error as Error).message}`;
          if (sampleErrors.length < 10 && !sampleErrors.includes(line)) sampleErrors.push(line);
        }
      }
    }),
  );
  for (const user of added) schedule(user, Math.random() * thinkMs);
  users.push(...added);
  return { connected: added.length - failed, failed, ms: now() - started, total: users.length };
}

/** Everything recorded since the last snapshot (then reset): per-kind latencies, errors, this process's CPU. */
export function capacitySnapshot(): CapacitySnapshot {
  const cpu = process.cpuUsage(cpuMark);
  const wallMs = now() - wallMark;
  const snapshot: CapacitySnapshot = {
    users: users.length,
    connected: users.filter((u) => u.socket.connected).length,
    kinds: Object.fromEntries([...histograms].map(([kind, h]) => [kind, h.toJSON()])),
    errors: Object.fromEntries(errors),
    conflicts,
    typingSent,
    sampleErrors,
    generator: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs },
  };
  histograms = new Map();
  errors = new Map();
  conflicts = 0;
  typingSent = 0;
  sampleErrors = [];
  cpuMark = process.cpuUsage();
  wallMark = now();
  return snapshot;
}

/** Stops every loop and closes the sockets. */
export async function capacityStop(): Promise<{ stopped: number }> {
  const count = users.length;
  for (const user of users) {
    user.stopped = true;
    if (user.timer) clearTimeout(user.timer);
  }
  await Promise.all(
    users.map(
      (u) =>
        new Promise<void>((resolve) => {
          u.socket.onClose = null;
          if (!u.socket.connected || !u.socket.onceClosed(resolve)) return resolve();
          u.socket.close();
          setTimeout(resolve, 3000);
        }),
    ),
  );
  users = [];
  agent?.destroy();
  agent = null;
  return { stopped: count };
}
