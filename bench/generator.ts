/**
 * The load generator: a separate process (forked by the bench) that holds the client sockets, sends at the rate
 * it is told, stamps every message body with its send time, and records each delivery's latency in a histogram.
 * It measures its own CPU (process.cpuUsage) for every phase, so a run can be marked invalid when the generator,
 * not the server, was the limit. Commands arrive over IPC (see the switch at the bottom).
 *
 * Message bodies look like `b <sendTimeMs> <phaseId> <messageIndex>`: plain text that the product stores and
 * renders as one paragraph, and that a receiver finds in the raw frame without parsing the whole JSON.
 */
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import type autocannon from 'autocannon';
import { BenchSocket, BenchSocketClass, LeanSocket, SioSocket, now } from './lib/lean-socket';
import { Histogram } from './lib/histogram';
import { isIpcRequest } from './lib/ipc-server';
import { capacityAdd, capacitySnapshot, capacityStop } from './lib/capacity-users';
import type {
  ActionRecord,
  CapacityAddParams,
  CatchUpParams,
  CatchUpResult,
  ConnectParams,
  ConnectResult,
  HttpParams,
  HttpResult,
  PhaseParams,
  PhaseResult,
  RawInsertParams,
  RawInsertResult,
  StatusResult,
  TimelineBucket,
  WarmupParams,
  WarmupResult,
} from './lib/generator-protocol';

const BODY_MARK = Buffer.from('"body":"');
// The feed event's commit time (`at`, its last key; `createdAt` inside data does not match with the leading quote).
const AT_MARK = Buffer.from('"at":"');
const ISO_LENGTH = '2026-01-01T00:00:00.000Z'.length;
const SEQ_MARK = Buffer.from('"seq":');
const B = 0x62; // 'b'
const W = 0x77; // 'w'

interface Client {
  socket: BenchSocket;
  groups: number[];
  tag: number;
  url: string;
  warmed: Set<number>;
}

/** A phase's state while it runs: what was sent, acknowledged and received, per message index. */
interface Phase {
  id: number;
  latency: Histogram;
  /** Receipt minus the event's `at` (same machine, same clock): commit → receipt, what the server's metric tracks. */
  commitLag: Histogram;
  latencySame: Histogram;
  latencyCross: Histogram;
  ack: Histogram;
  tagged: boolean;
  senderTag: Uint8Array;
  groupOfMsg: Int32Array;
  acked: Uint8Array;
  sentAt: Float64Array;
  seqOf: Float64Array | null;
  trackSeq: boolean;
  received: (Uint8Array | undefined)[];
  maxMessages: number;
  deliveries: number;
  inWindow: number;
  stale: number;
  startedAt: number;
  windowStart: number;
  windowEnd: number;
  lastDeliveryAt: number;
  markAt: number;
  markDrainedAt: number;
  actions: ActionRecord[];
  timelineMs: number;
  timeline: TimelineBucket[];
  sent: number;
  ackOk: number;
  ackErrors: number;
  ackTimeouts: number;
  capped: number;
  overflow: number;
}

let clients: Client[] = [];
let phase: Phase | null = null; // the phase being measured (or the last one, for catch-up)
let unexpectedCloses = 0;
const sampleErrors: string[] = [];

function noteError(message: string): void {
  if (sampleErrors.length < 10 && !sampleErrors.includes(message)) sampleErrors.push(message);
}

function parseUint(buf: Buffer, start: number): { value: number; end: number } {
  let value = 0;
  let i = start;
  while (i < buf.length && buf[i] >= 0x30 && buf[i] <= 0x39) value = value * 10 + (buf[i++] - 0x30);
  return { value, end: i };
}

/** Called for every EVENT frame a client receives. */
function onFrame(clientIndex: number, frame: Buffer, receivedAt: number): void {
  // Only feed events: `42["event",{...}` (presence, typing and notifications are not measured)
  if (frame[4] !== 0x65 || frame[5] !== 0x76) return; // "e" "v"
  const at = frame.indexOf(BODY_MARK, 10);
  if (at < 0) return;
  const start = at + BODY_MARK.length;
  const kind = frame[start];
  if (kind === W) {
    const { value: group } = parseUint(frame, start + 2);
    clients[clientIndex].warmed.add(group);
    return;
  }
  if (kind !== B || !phase) return;
  // b <t> <phaseId> <index>
  const end = frame.indexOf(0x22, start); // closing quote
  const parts = frame.toString('latin1', start + 2, end).split(' ');
  const sentAt = Number(parts[0]);
  const phaseId = Number(parts[1]);
  const index = Number(parts[2]);
  const p = phase;
  if (phaseId !== p.id) {
    p.stale += 1;
    return;
  }
  const latency = receivedAt - sentAt;
  p.latency.record(latency);
  const atMark = frame.lastIndexOf(AT_MARK);
  if (atMark > end) {
    const committedAt = Date.parse(
      frame.toString('latin1', atMark + AT_MARK.length, atMark + AT_MARK.length + ISO_LENGTH),
    );
    if (Number.isFinite(committedAt)) p.commitLag.record(Math.max(0, receivedAt - committedAt));
  }
  if (p.tagged) {
    if (p.senderTag[index] === clients[clientIndex].tag) p.latencySame.record(latency);
    else p.latencyCross.record(latency);
  }
  p.deliveries += 1;
  if (sentAt < p.markAt && receivedAt > p.markDrainedAt) p.markDrainedAt = receivedAt;
  if (receivedAt >= p.windowStart && receivedAt <= p.windowEnd) p.inWindow += 1;
  p.lastDeliveryAt = receivedAt;
  const bucket = Math.floor((receivedAt - p.startedAt) / p.timelineMs);
  const line = p.timeline[bucket];
  if (line) {
    line.deliveries += 1;
    if (latency > line.maxLatency) line.maxLatency = latency;
  }
  let seen = p.received[clientIndex];
  if (!seen) seen = p.received[clientIndex] = new Uint8Array(p.maxMessages);
  if (index < seen.length && seen[index] < 255) seen[index] += 1;
  if (p.seqOf) {
    const s = frame.indexOf(SEQ_MARK, 10);
    if (s >= 0) {
      const { value } = parseUint(frame, s + SEQ_MARK.length);
      p.seqOf[index] = value;
    }
  }
}

async function connectAll({
  clients: specs,
  kind = 'lean',
  concurrency = 50,
  timeoutMs = 60_000,
}: ConnectParams): Promise<ConnectResult> {
  const Socket: BenchSocketClass = kind === 'sio' ? SioSocket : LeanSocket;
  const started = now();
  const base = clients.length;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      const spec = specs[i];
      const index = base + i;
      const socket = new Socket(spec.url, spec.auth, (frame, at) => onFrame(index, frame, at));
      clients[index] = { socket, groups: spec.groups ?? [], tag: spec.tag ?? 0, url: spec.url, warmed: new Set() };
      try {
        await socket.connect(timeoutMs);
        socket.onClose = (reason) => {
          unexpectedCloses += 1;
          noteError(`socket closed: ${reason}`);
        };
      } catch (error) {
        failed += 1;
        noteError(`connect: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
  return { connected: specs.length - failed, failed, ms: now() - started, errors: sampleErrors.slice() };
}

async function disconnectAll({ clean = true }: { clean?: boolean }): Promise<{ closed: number }> {
  const closing = clients.map(
    (c) =>
      new Promise<void>((resolve) => {
        c.socket.onClose = null;
        if (!c.socket.connected) return resolve();
        if (!c.socket.onceClosed(resolve)) setTimeout(resolve, 100);
        if (clean) c.socket.close();
        else c.socket.terminate();
        setTimeout(resolve, 5000);
      }),
  );
  await Promise.all(closing);
  const count = clients.length;
  clients = [];
  return { closed: count };
}

/** Sends from one designated client per group until every client has seen a message in each of its groups. */
async function warmup({ senders, timeoutMs = 60_000 }: WarmupParams): Promise<WarmupResult> {
  const started = now();
  const pendingPairs = () => {
    let missing = 0;
    for (const c of clients) if (c.socket.connected) for (const g of c.groups) if (!c.warmed.has(g)) missing += 1;
    return missing;
  };
  let rounds = 0;
  while (pendingPairs() > 0) {
    if (now() - started > timeoutMs) {
      return { ok: false, missing: pendingPairs(), ms: now() - started, rounds };
    }
    rounds += 1;
    await Promise.all(
      senders.map((s) =>
        clients[s.client].socket
          .emitWithAck(
            'message.send',
            { threadId: s.threadId, body: `w ${s.group} ${rounds}`, clientId: uid() },
            30_000,
          )
          .catch((error: Error) => noteError(`warmup send: ${error.message}`)),
      ),
    );
    await sleep(300);
  }
  for (const c of clients) c.warmed.clear();
  return { ok: true, ms: now() - started, rounds };
}

/** A fresh client id per send, as the web client makes one (a retry would reuse it). */
const uid = () => randomUUID();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One measured phase. Open loop (`rate` messages/s spread over the senders, at most `maxInflight` unacknowledged
 * per sender, further sends skipped and counted) or closed loop (`mode: 'closed'`: each sender sends its next
 * message when the previous one is acknowledged).
 */
async function runPhase(params: PhaseParams): Promise<PhaseResult> {
  const {
    id,
    durationMs,
    rate = 0,
    mode = 'open',
    senders,
    maxInflight = 64,
    drainMs = 3000,
    ackTimeoutMs = 30_000,
    trackSeq = false,
    tagged = false,
    timelineMs = 100,
    groupCount,
    actions = [],
    markAtMs = null,
  } = params;
  const maxMessages =
    params.maxMessages ?? (mode === 'closed' ? 200_000 : Math.ceil((rate * durationMs) / 1000) + 1000);
  const startedAt = now() + 20;
  const p: Phase = {
    id,
    latency: new Histogram(),
    commitLag: new Histogram(),
    latencySame: new Histogram(),
    latencyCross: new Histogram(),
    ack: new Histogram(),
    tagged,
    senderTag: new Uint8Array(maxMessages),
    groupOfMsg: new Int32Array(maxMessages).fill(-1),
    acked: new Uint8Array(maxMessages),
    sentAt: new Float64Array(maxMessages),
    seqOf: trackSeq ? new Float64Array(maxMessages) : null,
    trackSeq,
    received: new Array(clients.length),
    maxMessages,
    deliveries: 0,
    inWindow: 0,
    stale: 0,
    startedAt,
    windowStart: startedAt,
    windowEnd: startedAt + durationMs,
    lastDeliveryAt: 0,
    markAt: markAtMs === null ? -Infinity : startedAt + markAtMs,
    markDrainedAt: 0,
    actions: [],
    timelineMs,
    timeline: Array.from({ length: Math.ceil((durationMs + drainMs + 60_000) / timelineMs) }, () => ({
      sent: 0,
      acked: 0,
      deliveries: 0,
      maxLatency: 0,
    })),
    sent: 0,
    ackOk: 0,
    ackErrors: 0,
    ackTimeouts: 0,
    capped: 0,
    overflow: 0,
  };
  phase = p;
  const inflight = new Array(senders.length).fill(0);
  const cpuStart = process.cpuUsage();
  const wallStart = now();

  const send = (k: number, done?: () => void): void => {
    const s = senders[k];
    const index = p.sent;
    if (index >= maxMessages) {
      p.overflow += 1;
      done?.();
      return;
    }
    p.sent += 1;
    const t = now();
    p.sentAt[index] = t;
    p.groupOfMsg[index] = s.group;
    p.senderTag[index] = clients[s.client].tag;
    const bucket = p.timeline[Math.floor((t - startedAt) / timelineMs)];
    if (bucket) bucket.sent += 1;
    inflight[k] += 1;
    clients[s.client].socket
      .emitWithAck(
        'message.send',
        { threadId: s.threadId, body: `b ${t.toFixed(3)} ${id} ${index}`, clientId: uid() },
        ackTimeoutMs,
      )
      .then(
        ({ answer, receivedAt }) => {
          if (answer && answer.ok) {
            p.ackOk += 1;
            p.acked[index] = 1;
            p.ack.record(receivedAt - t);
            const b = p.timeline[Math.floor((receivedAt - startedAt) / timelineMs)];
            if (b) b.acked += 1;
          } else {
            p.ackErrors += 1;
            noteError(`ack: ${JSON.stringify(answer?.error ?? answer).slice(0, 200)}`);
          }
        },
        (error: Error) => {
          if (error.message === 'ack timeout') p.ackTimeouts += 1;
          else p.ackErrors += 1;
          noteError(`send: ${error.message}`);
        },
      )
      .finally(() => {
        inflight[k] -= 1;
        done?.();
      });
  };

  while (now() < startedAt) await sleep(1);
  // Timed side actions during the phase (e.g. pausing Redis), run as separate commands.
  const actionTimers = actions.map((a) =>
    setTimeout(() => {
      const record: ActionRecord = { ...a, startedAt: now() - startedAt };
      p.actions.push(record);
      execFile(a.cmd, a.args, { timeout: 30_000 }, (error, stdout) => {
        record.endedAt = now() - startedAt;
        record.output = String(stdout).trim();
        if (error) record.error = error.message;
      });
    }, a.atMs),
  );
  if (mode === 'closed') {
    await Promise.all(
      senders.map(
        (_, k) =>
          new Promise<void>((resolve) => {
            const loop = (): void => (now() < p.windowEnd ? send(k, loop) : resolve());
            loop();
          }),
      ),
    );
  } else {
    let issued = 0;
    let next = 0;
    while (now() < p.windowEnd) {
      const due = Math.floor(((now() - startedAt) * rate) / 1000);
      while (issued < due) {
        const k = next++ % senders.length;
        issued += 1;
        if (inflight[k] >= maxInflight) p.capped += 1;
        else send(k);
      }
      await sleep(2);
    }
  }
  // Let what is in flight land: acks first, then the deliveries of acked messages (bounded by drainMs).
  const drainUntil = now() + drainMs;
  while (now() < drainUntil && inflight.some((n) => n > 0)) await sleep(20);
  let lastCount = -1;
  while (now() < drainUntil && p.deliveries !== lastCount) {
    lastCount = p.deliveries;
    await sleep(250);
  }
  actionTimers.forEach(clearTimeout);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = now() - wallStart;
  return { ...summarize(p, groupCount), generator: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs } };
}

/** Expected deliveries of every acknowledged message to every client in its group; lost and duplicated ones. */
function summarize(p: Phase, groupCount: number | undefined): Omit<PhaseResult, 'generator'> {
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < p.sent; i += 1) {
    if (!p.acked[i]) continue;
    const g = p.groupOfMsg[i];
    const list = byGroup.get(g) ?? [];
    if (list.length === 0) byGroup.set(g, list);
    list.push(i);
  }
  let expected = 0;
  let unique = 0;
  let duplicates = 0;
  let unackedDelivered = 0;
  for (let c = 0; c < clients.length; c += 1) {
    const seen = p.received[c];
    for (const g of clients[c].groups) {
      for (const i of byGroup.get(g) ?? []) {
        expected += 1;
        if (seen && seen[i] > 0) unique += 1;
      }
    }
    if (!seen) continue;
    for (let i = 0; i < p.sent; i += 1) {
      if (seen[i] > 1) duplicates += seen[i] - 1;
      if (seen[i] > 0 && !p.acked[i]) unackedDelivered += 1;
    }
  }
  const lastTimeline = Math.max(0, Math.ceil((p.lastDeliveryAt - p.startedAt) / p.timelineMs) + 1);
  return {
    id: p.id,
    groups: groupCount,
    windowMs: p.windowEnd - p.windowStart,
    windowStart: p.windowStart,
    sent: p.sent,
    acked: p.ackOk,
    ackErrors: p.ackErrors,
    ackTimeouts: p.ackTimeouts,
    capped: p.capped,
    overflow: p.overflow,
    deliveries: p.deliveries,
    deliveriesInWindow: p.inWindow,
    expected,
    unique,
    lost: expected - unique,
    duplicates,
    unackedDelivered,
    stale: p.stale,
    latency: p.latency.toJSON(),
    commitLag: p.commitLag.toJSON(),
    latencySame: p.tagged ? p.latencySame.toJSON() : null,
    latencyCross: p.tagged ? p.latencyCross.toJSON() : null,
    ack: p.ack.toJSON(),
    timeline: p.timeline.slice(0, lastTimeline),
    timelineMs: p.timelineMs,
    unexpectedCloses,
    actions: p.actions,
    markAtMs: Number.isFinite(p.markAt) ? p.markAt - p.startedAt : null,
    markDrainedAfterMs: Number.isFinite(p.markAt) && p.markDrainedAt ? p.markDrainedAt - p.markAt : null,
    errors: sampleErrors.slice(),
  };
}

/**
 * Catch-up after the last phase, as a client does on reconnect: `sync` over the socket from `after` (the group's
 * seq before the phase) for every client and group; counts messages that never arrived live and came back now.
 */
interface SyncPage {
  events: { seq: number; data?: { body?: unknown } }[];
  hasMore: boolean;
}

async function catchUp({ groupIds, afterByGroup, concurrency = 50 }: CatchUpParams): Promise<CatchUpResult> {
  const p = phase;
  if (!p) throw new Error('catch-up needs a phase first');
  const started = now();
  let recovered = 0;
  let stillMissing = 0;
  let requests = 0;
  let failures = 0;
  let next = 0;
  const BODY_RE = /^b (\S+) (\d+) (\d+)$/;
  const worker = async () => {
    while (next < clients.length) {
      const c = next++;
      const client = clients[c];
      const seen = p.received[c] ?? (p.received[c] = new Uint8Array(p.maxMessages));
      const got = new Uint8Array(p.maxMessages);
      for (const g of client.groups) {
        let after = afterByGroup[g];
        for (let more = true; more;) {
          requests += 1;
          let answer;
          try {
            ({ answer } = await client.socket.emitWithAck<SyncPage>(
              'sync',
              { groupId: groupIds[g], after, limit: 500 },
              30_000,
            ));
          } catch (error) {
            failures += 1;
            noteError(`sync: ${(error as Error).message}`);
            break;
          }
          if (!answer.ok || !answer.data) {
            failures += 1;
            noteError(`sync: ${JSON.stringify(answer.error).slice(0, 200)}`);
            break;
          }
          for (const event of answer.data.events) {
            after = event.seq;
            const m = typeof event.data?.body === 'string' && BODY_RE.exec(event.data.body);
            if (!m || Number(m[2]) !== p.id) continue;
            got[Number(m[3])] = 1;
          }
          more = answer.data.hasMore;
        }
      }
      for (let i = 0; i < p.sent; i += 1) {
        if (!p.acked[i] || !client.groups.includes(p.groupOfMsg[i])) continue;
        if (seen[i] > 0) continue;
        if (got[i]) recovered += 1;
        else stillMissing += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
  return { recovered, stillMissing, requests, failures, ms: now() - started, errors: sampleErrors.slice() };
}

/** Raw `pg` single-row inserts in a closed loop (the writes baseline), `concurrency` connections. */
async function rawInserts({ databaseUrl, concurrency, durationMs, row }: RawInsertParams): Promise<RawInsertResult> {
  const { Client } = await import('pg');
  const conns = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  // The backends' CPU is read from /proc here, while their connections are open.
  const { cpuOfPids } = await import('./lib/proc');
  const backends = await Promise.all(
    conns.map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid),
  );
  const dbCpuStart = cpuOfPids(backends);
  const latency = new Histogram();
  let count = 0;
  let seq = 1_000_000_000;
  const cpuStart = process.cpuUsage();
  const startedAt = now();
  const end = startedAt + durationMs;
  const sql = `INSERT INTO messages (thread_id, group_id, seq, author_id, parent_id, body, body_html, mentions)
               VALUES ($1, $2, $3, $4, NULL, $5, $6, '{}') RETURNING id`;
  await Promise.all(
    conns.map(async (c) => {
      while (now() < end) {
        const t = now();
        const body = `b ${t.toFixed(3)} 0 ${count}`;
        await c.query(sql, [row.threadId, row.groupId, (seq += 1), row.authorId, body, `<p>${body}</p>`]);
        latency.record(now() - t);
        count += 1;
      }
    }),
  );
  const wallMs = now() - startedAt;
  const cpu = process.cpuUsage(cpuStart);
  const dbCpuMs = cpuOfPids(backends) - dbCpuStart;
  await Promise.all(conns.map((c) => c.end()));
  return {
    count,
    wallMs,
    dbCpuMs,
    latency: latency.toJSON(),
    generator: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs },
  };
}

/**
 * HTTP load with autocannon, in this process so its CPU is the generator's. `scenario: 'patch-actions'` gives every
 * connection its own action item and keeps its version, flipping the title on each request so each one writes.
 */
interface PatchContext {
  item?: { id: string; version: number };
  flip?: boolean;
}

async function httpLoad({ options, scenario }: HttpParams): Promise<HttpResult> {
  const { default: load } = await import('autocannon');
  const opts: autocannon.Options<PatchContext> = { ...options };
  if (scenario?.kind === 'patch-actions') {
    let next = 0;
    opts.requests = [
      {
        method: 'PATCH',
        setupRequest: (req, context) => {
          if (!context.item) {
            context.item = { ...scenario.items[next++ % scenario.items.length] };
            context.flip = false;
          }
          const item = context.item;
          context.flip = !context.flip;
          return {
            ...req,
            path: `/api/actions/${item.id}`,
            body: JSON.stringify({
              version: item.version,
              title: context.flip ? 'Bench action (A)' : 'Bench action (B)',
            }),
          };
        },
        onResponse: (status, body, context) => {
          if (!context.item) return;
          try {
            const answer = JSON.parse(body) as { version?: number; current?: { version: number } };
            if (status === 200 && answer.version !== undefined) context.item.version = answer.version;
            else if (status === 409 && answer.current) context.item.version = answer.current.version;
          } catch {
            // counted as non-2xx by autocannon
          }
        },
      },
    ];
  }
  const cpuStart = process.cpuUsage();
  const startedAt = now();
  const result = await load(opts);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = now() - startedAt;
  return {
    requests: result.requests,
    latency: result.latency,
    throughput: result.throughput,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodeStats: result.statusCodeStats,
    duration: result.duration,
    generator: { cpuMs: (cpu.user + cpu.system) / 1000, wallMs },
  };
}

process.on('disconnect', () => process.exit(0));
// The bench sends each op's parameters as the body of the request (lib/generator-protocol.ts): the casts below name
// what the other side of the channel sent.
process.on('message', async (msg: unknown) => {
  if (!isIpcRequest(msg)) return;
  const reply = (body: object) => process.send?.({ benchId: msg.benchId, ...body });
  try {
    switch (msg.op) {
      case 'connect':
        return reply(await connectAll(msg as unknown as ConnectParams));
      case 'disconnect':
        return reply(await disconnectAll(msg as { clean?: boolean }));
      case 'warmup':
        return reply(await warmup(msg as unknown as WarmupParams));
      case 'phase':
        return reply({ result: await runPhase(msg as unknown as PhaseParams) });
      case 'catchUp':
        return reply(await catchUp(msg as unknown as CatchUpParams));
      case 'rawInserts':
        return reply(await rawInserts(msg as unknown as RawInsertParams));
      case 'http':
        return reply(await httpLoad(msg as unknown as HttpParams));
      case 'capacityAdd':
        return reply(await capacityAdd(msg as unknown as CapacityAddParams));
      case 'capacitySnapshot':
        return reply(capacitySnapshot());
      case 'capacityStop':
        return reply(await capacityStop());
      case 'status':
        return reply({
          clients: clients.length,
          connected: clients.filter((c) => c.socket.connected).length,
          unexpectedCloses,
          cpu: process.cpuUsage(),
          memory: process.memoryUsage().rss,
        } satisfies StatusResult);
      case 'exit':
        reply({ ok: true });
        return setTimeout(() => process.exit(0), 20);
      default:
        return reply({ error: `unknown op ${msg.op}` });
    }
  } catch (error) {
    reply({ error: `${(error as Error).message}\n${(error as Error).stack}` });
  }
});
