/**
 * email: recommendations and their outcomes in a group of 1,000 readers, each write notifying everyone, with email
 * on (the product's default for both types: a row of outgoing_emails and an `email.send` job per reader, sent over
 * SMTP_URL to a local sink) against the same writes with email off for those types (`in-app`: notifications stored,
 * no job), on the same server in the same run. Reports the writes' acknowledgement latency both ways, the emails/s
 * the sink received, the queue lag (ack → arrival), losses and duplicates, and then the rate against a sink that
 * answers at a relay's pace. Target: ack p99 with email ≤ 1.10 × without, judged on the median of ROUNDS rounds
 * alternating the two (each phase on an emptied outbox), unsteady when the rounds disagree by more than 15%.
 */
import { join } from 'node:path';
import { Client } from 'pg';
import { noiseReasons, round, pct, ms, ratio } from './lib/harness';
import { alternate, figure, ratioRow, Round, roundLabel, valueRow } from './lib/rounds';
import { CpuResult, cpuMeter } from './lib/proc';
import { backendPids } from './lib/db';
import { Histogram, HistogramJson, LatencySummary } from './lib/histogram';
import { api, createGroup, pool as inParallel } from './lib/workspace';
import { BenchProcess, BenchServer, forkWithIpc, SCRIPTS, startProduct } from './lib/processes';
import { progress } from './lib/report';
import type { Arrival } from './smtp-sink';
import type { Benchmark, BenchUser, Cell, Context, Options, Row } from './lib/types';

const TARGET_ACK_RATIO = 1.1;
/** The product's default MAIL_SEND_CONCURRENCY (SMTP connections in a node's pool), stated for the paced sink. */
const SEND_CONCURRENCY = 4;
const TYPES = ['recommendation.created', 'recommendation.closed'] as const;
type WriteType = (typeof TYPES)[number];

const scale = (opts: Options) =>
  opts.quick
    ? { recipients: 100, writes: 6, intervalMs: 500, checkReaders: 10, windowS: 20, drainTimeoutS: 60 }
    : { recipients: 1000, writes: 12, intervalMs: 1000, checkReaders: 20, windowS: 60, drainTimeoutS: 120 };
type Scale = ReturnType<typeof scale>;

const now = () => performance.timeOrigin + performance.now();

/** One write that notifies every other member: when it was sent and acknowledged (epoch ms). */
interface Write {
  type: WriteType;
  threadId: string;
  sentAt: number;
  ackAt: number;
  ms: number;
}

interface WritePhase {
  writes: Write[];
  ack: LatencySummary;
  ackHistogram: HistogramJson;
  cpu: CpuResult;
  otherLoad: number;
}

/** What the sink received for one phase, matched to the writes that caused it. */
interface Delivery {
  expected: number;
  received: number;
  unique: number;
  duplicates: number;
  unmatched: number;
  perSec: number | null;
  spanS: number | null;
  lag: LatencySummary;
  lagHistogram: HistogramJson;
  /** Per write: ms from its ack to its first and to its last email. */
  firstLag: LatencySummary;
  drainS: number;
  statuses: Record<string, number>;
  cpu: CpuResult;
  serverCpuUsPerEmail: number | null;
  dbCpuUsPerEmail: number | null;
  otherLoad: number;
  maxConnections: number;
}

interface PerWrite {
  notifications: number;
  emails: number;
}

/**
 * The writes, one every `intervalMs` (sooner never; later when one takes longer): a recommendation, then its
 * outcome, and so on. Each acknowledgement is timed by the bench; the notifications follow after commit.
 */
async function writeSeries(
  url: string,
  facilitator: BenchUser,
  groupId: string,
  count: number,
  intervalMs: number,
  label: string,
): Promise<Write[]> {
  const writes: Write[] = [];
  const tick = progress(label, count);
  const start = now();
  let threadId = '';
  for (let i = 0; i < count; i += 1) {
    const wait = start + i * intervalMs - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sentAt = now();
    let type: WriteType;
    if (i % 2 === 0) {
      type = 'recommendation.created';
      threadId = (
        await api<{ id: string }>(url, 'POST', `/api/groups/${groupId}/threads`, facilitator.token, {
          kind: 'recommendation',
          title: `Bench recommendation ${label} ${i / 2}`,
          proposal: 'Adopt the shared reporting template for every partner from next quarter.',
        })
      ).id;
    } else {
      type = 'recommendation.closed';
      await api(url, 'POST', `/api/threads/${threadId}/outcome`, facilitator.token, {
        outcome: 'adopted',
        statement: 'Adopted by consensus at the bench meeting.',
      });
    }
    const ackAt = now();
    writes.push({ type, threadId, sentAt, ackAt, ms: ackAt - sentAt });
    tick(i + 1);
  }
  tick(count, true);
  return writes;
}

function summarise(writes: Write[], cpu: CpuResult): WritePhase {
  const h = new Histogram();
  for (const w of writes) h.record(w.ms);
  return { writes, ack: h.summary(), ackHistogram: h.toJSON(), cpu, otherLoad: cpu.otherMs / cpu.wallMs };
}

const key = (type: string, threadId: string) => `${type}|${threadId}`;

async function query<T extends object>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Notifications and outbox rows per write (by type and thread). */
async function perWrite(databaseUrl: string, writes: Write[]): Promise<Map<string, PerWrite>> {
  const rows = await query<{ type: string; subject_id: string; notifications: string; emails: string }>(
    databaseUrl,
    `SELECT n.type, n.subject_id, count(*) AS notifications, count(e.id) AS emails
       FROM notifications n LEFT JOIN outgoing_emails e ON e.notification_id = n.id
      WHERE n.type = ANY($1) AND n.subject_id = ANY($2::uuid[]) GROUP BY n.type, n.subject_id`,
    [TYPES, [...new Set(writes.map((w) => w.threadId))]],
  );
  return new Map(
    rows.map((r) => [key(r.type, r.subject_id), { notifications: Number(r.notifications), emails: Number(r.emails) }]),
  );
}

/** Waits until every write's notifications are stored (the listener runs after the write's commit). */
async function waitStored(databaseUrl: string, writes: Write[], recipients: number, timeoutS: number) {
  const deadline = Date.now() + timeoutS * 1000;
  for (;;) {
    const counts = await perWrite(databaseUrl, writes);
    const stored = writes.filter((w) => (counts.get(key(w.type, w.threadId))?.notifications ?? 0) >= recipients);
    if (stored.length === writes.length) return counts;
    if (Date.now() > deadline)
      throw new Error(
        `only ${stored.length}/${writes.length} writes had notified all ${recipients} within ${timeoutS} s`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits for the sink to have `expected` messages (or for nothing to arrive for 30 s, or the timeout), logging
 * progress; then takes the arrivals.
 */
async function drain(
  ctx: Context,
  sink: BenchProcess,
  expected: number,
  timeoutS: number,
  startedAt: number,
): Promise<{ arrivals: Arrival[]; drainS: number; maxConnections: number }> {
  const deadline = Date.now() + timeoutS * 1000;
  let last = -1;
  let lastChange = Date.now();
  let lastLog = 0;
  for (;;) {
    const { count } = await sink.rpc<{ count: number }>('count');
    if (count !== last) {
      last = count;
      lastChange = Date.now();
    }
    if (Date.now() - lastLog > 5000 || count >= expected) {
      lastLog = Date.now();
      ctx.log(`emails at the sink: ${count}/${expected} after ${((now() - startedAt) / 1000).toFixed(1)} s`);
    }
    if (count >= expected) break;
    if (Date.now() - lastChange > 30_000 || Date.now() > deadline) {
      ctx.log(`stopped waiting: ${count}/${expected} arrived (${Date.now() > deadline ? 'timeout' : 'none for 30 s'})`);
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const drainS = (now() - startedAt) / 1000;
  // A second look: a duplicate sent after the last one counted would arrive now.
  await new Promise((r) => setTimeout(r, 1000));
  const { arrivals, maxConnections } = await sink.rpc<{ arrivals: Arrival[]; maxConnections: number }>('take');
  return { arrivals, drainS, maxConnections };
}

/** Matches every arrival to its write through the outbox: Message-ID is `<outgoing email id@host>`. */
async function matchArrivals(
  databaseUrl: string,
  writes: Write[],
  arrivals: Arrival[],
  expected: number,
  drainS: number,
  cpu: CpuResult,
  maxConnections: number,
): Promise<Delivery> {
  const ids = arrivals.map((a) => a.messageId?.split('@')[0] ?? '').filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const rows = await query<{ id: string; type: string; subject_id: string }>(
    databaseUrl,
    `SELECT e.id, n.type, n.subject_id FROM outgoing_emails e JOIN notifications n ON n.id = e.notification_id
      WHERE e.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  const writeOf = new Map(rows.map((r) => [r.id, key(r.type, r.subject_id)]));
  const ackOf = new Map(writes.map((w) => [key(w.type, w.threadId), w.ackAt]));
  const lag = new Histogram();
  const first = new Map<string, number>();
  const seen = new Set<string>();
  let duplicates = 0;
  let unmatched = 0;
  for (const a of arrivals) {
    const id = a.messageId?.split('@')[0] ?? '';
    if (seen.has(id)) duplicates += 1;
    seen.add(id);
    const w = writeOf.get(id);
    const ackAt = w === undefined ? undefined : ackOf.get(w);
    if (w === undefined || ackAt === undefined) {
      unmatched += 1;
      continue;
    }
    lag.record(Math.max(0, a.at - ackAt));
    first.set(w, Math.min(first.get(w) ?? Infinity, a.at - ackAt));
  }
  const firstLag = new Histogram();
  for (const v of first.values()) firstLag.record(Math.max(0, v));
  const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
  const spanS = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : null;
  const statusRows = await query<{ status: string; n: string }>(
    databaseUrl,
    `SELECT e.status, count(*) AS n FROM outgoing_emails e JOIN notifications n ON n.id = e.notification_id
      WHERE n.subject_id = ANY($1::uuid[]) AND n.type = ANY($2) GROUP BY e.status`,
    [[...new Set(writes.map((w) => w.threadId))], TYPES],
  );
  const emails = arrivals.length;
  return {
    expected,
    received: emails,
    unique: seen.size,
    duplicates,
    unmatched,
    perSec: spanS ? (emails - 1) / spanS : null,
    spanS,
    lag: lag.summary(),
    lagHistogram: lag.toJSON(),
    firstLag: firstLag.summary(),
    drainS,
    statuses: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    cpu,
    serverCpuUsPerEmail: emails ? (cpu.server * 1000) / emails : null,
    dbCpuUsPerEmail: emails ? (cpu.db * 1000) / emails : null,
    otherLoad: cpu.otherMs / cpu.wallMs,
    maxConnections,
  };
}

/** Every recipient's delivery of both types: `in-app` (no email) or `default` (email, the product's default). */
async function setDelivery(url: string, users: BenchUser[], delivery: 'in-app' | 'default', label: string) {
  const pairs = users.flatMap((u) => TYPES.map((type) => ({ u, type })));
  await inParallel(
    pairs,
    8,
    ({ u, type }) => api(url, 'PUT', '/api/me/notification-settings', u.token, { type, delivery }),
    label,
  );
}

/** One side of a round: its writes, each write's notifications and outbox rows, the backlog it started on. */
interface Side {
  phase: WritePhase;
  perWrite: PerWrite[];
  /** Emails still queued when the phase began (0 unless an earlier round's backlog outlasted the wait). */
  backlog: number;
}

/**
 * A round: the writes with email on (product, then the window of sending) and off (baseline). The window is what
 * the sink got after the 1,000-reader writes, and what was still queued then.
 */
type EmailRound = Round<Side & { window: Delivery & { queuedAfter: number; windowS: number } }, Side>;

interface Out {
  rounds: EmailRound[];
  /** A small group's two writes, sent to the last email: completeness, duplicates, rate, lag. */
  check: Delivery;
  paced: { delayMs: number; sinkPace: number; delivery: Delivery } | null;
  pacedSkipped?: string;
}

/** The product's emails still waiting: queued in the outbox (not sent, failed or skipped yet). */
async function queuedCount(databaseUrl: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    databaseUrl,
    `SELECT count(*) AS n FROM outgoing_emails WHERE status = 'queued'`,
  );
  return Number(row.n);
}

async function run(ctx: Context) {
  const s = scale(ctx.opts);
  const [facilitator, ...rest] = ctx.pool.users;
  const recipients = rest.slice(0, s.recipients);
  if (recipients.length < s.recipients) throw new Error(`the pool has ${recipients.length} recipients`);
  const { dbName, databaseUrl, drop } = await ctx.pool.clone('email');
  const sink = forkWithIpc(join(SCRIPTS, 'smtp-sink.js'), { label: 'smtp-sink' });
  let server: BenchServer | null = null;
  try {
    const { port } = await sink.rpc<{ port: number }>('ready', {}, 30_000);
    server = await startProduct({
      databaseUrl,
      profileDir: ctx.profileDir,
      label: 'product-email',
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_SEND_CONCURRENCY: String(SEND_CONCURRENCY) },
    });
    const url = server.url;

    // Setup: the groups through the API, their memberships straight into the table (adding 1,000 through the API
    // would email each a `member.added`), every member always at work, email off for the baseline.
    const groupId = await createGroup(url, facilitator.token, 'Email bench group');
    const checkGroupId = await createGroup(url, facilitator.token, 'Email delivery check');
    const checkReaders = recipients.slice(0, s.checkReaders);
    await query(
      databaseUrl,
      `INSERT INTO memberships (group_id, user_id, role)
         SELECT $1::uuid, unnest($2::uuid[]), 'member' UNION ALL SELECT $3::uuid, unnest($4::uuid[]), 'member'`,
      [groupId, recipients.map((u) => u.id), checkGroupId, checkReaders.map((u) => u.id)],
    );
    await inParallel(
      [facilitator, ...recipients],
      8,
      (u) => api(url, 'PATCH', '/api/me', u.token, { weekendDays: [], workStartHour: 0, workEndHour: 24 }),
      `always at work (${recipients.length + 1} users)`,
    );
    await setDelivery(url, recipients, 'in-app', 'email off for the warm-up');
    const meter = () =>
      cpuMeter({ server: [server?.pid ?? 0], db: () => backendPids(dbName), sink: [sink.pid], bench: [process.pid] });

    // Warm-up: one recommendation and its outcome, not measured (email off: no backlog before the check).
    await writeSeries(url, facilitator, groupId, 2, s.intervalMs, 'warm-up');

    await setDelivery(url, recipients, 'default', 'email on (the default) for the delivery check');
    let delivery: 'in-app' | 'default' = 'default';
    await sink.rpc('take');

    // Delivery check, before any backlog: a recommendation and its outcome in a small group, every email awaited.
    const sendAll = async (label: string, gid: string, readers: number): Promise<Delivery> => {
      const expected = 2 * readers;
      const cpu = await meter();
      const started = now();
      const writes = await writeSeries(url, facilitator, gid, 2, s.intervalMs, label);
      const d = await drain(ctx, sink, expected, s.drainTimeoutS, started);
      const result = await matchArrivals(
        databaseUrl,
        writes,
        d.arrivals,
        expected,
        d.drainS,
        await cpu.stop(),
        d.maxConnections,
      );
      ctx.log(
        `${label}: ${result.unique}/${expected} emails (${result.duplicates} duplicates) at ${round(result.perSec, 1)}/s, lag p50 ${ms(result.lag.p50)} p99 ${ms(result.lag.p99)} max ${ms(result.lag.max)}`,
      );
      return result;
    };
    const check = await sendAll('delivery check', checkGroupId, checkReaders.length);

    // A relay slower than the product: the sink answers 250 after a delay that allows half the rate just measured
    // over the pool's connections; the emails should go out at the sink's pace, none lost. Pointless (and minutes
    // long) when the product itself sends only a few a second.
    let paced: Out['paced'] = null;
    let pacedSkipped: string | undefined;
    if (check.perSec !== null && check.perSec >= 20 && check.unique === check.expected) {
      const delayMs = Math.ceil((SEND_CONCURRENCY * 1000) / (check.perSec * 0.5));
      const sinkPace = (SEND_CONCURRENCY * 1000) / delayMs;
      await sink.rpc('configure', { delayMs });
      ctx.log(`paced relay: ${delayMs} ms per message × ${SEND_CONCURRENCY} connections = ${round(sinkPace, 0)}/s`);
      paced = { delayMs, sinkPace, delivery: await sendAll('paced relay', checkGroupId, checkReaders.length) };
      await sink.rpc('configure', { delayMs: 0 });
    } else {
      pacedSkipped = `not run: the product sent ${round(check.perSec, 1)} emails/s to a sink that answers at once, so no relay's pace would show`;
      ctx.log(`paced relay ${pacedSkipped}`);
    }

    /** Each phase starts on a quiet outbox: an earlier round's backlog would be sending into it. */
    const settle = async (label: string) => {
      const deadline = Date.now() + s.drainTimeoutS * 1000;
      let queued = await queuedCount(databaseUrl);
      if (queued > 0) ctx.log(`${label}: waiting for the ${queued} emails still queued to go out`);
      while (queued > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        queued = await queuedCount(databaseUrl);
      }
      if (queued > 0) ctx.log(`${label}: ${queued} emails still queued after ${s.drainTimeoutS} s; measuring anyway`);
      await sink.rpc('take');
      return queued;
    };
    const setAll = async (to: 'in-app' | 'default', label: string) => {
      if (delivery !== to) await setDelivery(url, recipients, to, label);
      delivery = to;
    };

    // The rounds: the 1,000-reader writes with email off (baseline) and on (product), alternating, on the same
    // server; each email-on round is followed by a fixed window of sending (the whole backlog may take longer).
    const rounds = await alternate<EmailRound['product'], EmailRound['baseline']>(
      {
        baseline: async (k) => {
          const label = roundLabel(k, 'email off');
          await setAll('in-app', `${label}: email off for every reader`);
          const backlog = await settle(label);
          const m = await meter();
          const writes = await writeSeries(url, facilitator, groupId, s.writes, s.intervalMs, `${label} writes`);
          const counts = await waitStored(databaseUrl, writes, recipients.length, 60);
          const phase = summarise(writes, await m.stop());
          ctx.log(
            `${label}: ack p50 ${ms(phase.ack.p50)} p99 ${ms(phase.ack.p99)} max ${ms(phase.ack.max)}, server ${pct(phase.cpu.server / phase.cpu.wallMs)}, db ${pct(phase.cpu.db / phase.cpu.wallMs)}, others ${pct(phase.otherLoad)}`,
          );
          return { phase, perWrite: counts_(writes, counts), backlog };
        },
        product: async (k) => {
          const label = roundLabel(k, 'email on');
          await setAll('default', `${label}: email on (the default) for every reader`);
          const backlog = await settle(label);
          const m = await meter();
          const windowMeter = await meter();
          const started = now();
          const writes = await writeSeries(url, facilitator, groupId, s.writes, s.intervalMs, `${label} writes`);
          const phase = summarise(writes, await m.stop());
          ctx.log(
            `${label}: ack p50 ${ms(phase.ack.p50)} p99 ${ms(phase.ack.p99)} max ${ms(phase.ack.max)}, server ${pct(phase.cpu.server / phase.cpu.wallMs)}, db ${pct(phase.cpu.db / phase.cpu.wallMs)}, others ${pct(phase.otherLoad)}`,
          );
          const expected = s.writes * recipients.length;
          const counts = await waitStored(databaseUrl, writes, recipients.length, 60);
          const windowLeft = Math.max(1, s.windowS - (now() - started) / 1000);
          const drained = await drain(ctx, sink, expected, windowLeft, started);
          const queuedAfter = await queuedCount(databaseUrl);
          const sent = await matchArrivals(
            databaseUrl,
            writes,
            drained.arrivals,
            expected,
            drained.drainS,
            await windowMeter.stop(),
            drained.maxConnections,
          );
          ctx.log(
            `${label}: window of ${round(drained.drainS, 0)} s: ${sent.unique}/${expected} emails (${sent.duplicates} duplicates) at ${round(sent.perSec, 1)}/s, lag p50 ${ms(sent.lag.p50)} p99 ${ms(sent.lag.p99)}; ${queuedAfter} still queued`,
          );
          return {
            phase,
            perWrite: counts_(writes, counts),
            backlog,
            window: { ...sent, queuedAfter, windowS: drained.drainS },
          };
        },
      },
      { log: ctx.log },
    );
    return report(s, recipients.length, { rounds, check, paced, pacedSkipped });
  } finally {
    await server?.stop();
    await sink.stop();
    await drop();
  }
}

const counts_ = (writes: Write[], map: Map<string, PerWrite>) =>
  writes.map((w) => map.get(key(w.type, w.threadId)) ?? { notifications: 0, emails: 0 });

const range = (values: number[]) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
};

const minutes = (seconds: number | null) =>
  seconds === null ? '–' : seconds < 120 ? `${Math.round(seconds)} s` : `${round(seconds / 60, 1)} min`;

function report(s: Scale, recipients: number, out: Out) {
  const { rounds, check, paced } = out;
  const last = rounds[rounds.length - 1].product;
  const windows = rounds.map((r) => r.product.window);
  const invalidReasons: string[] = [];
  const jobs = rounds.flatMap((r) => r.product.perWrite.map((w) => w.emails));
  const stored = rounds.flatMap((r) => r.product.perWrite.map((w) => w.notifications));
  const duplicates = check.duplicates + windows.reduce((n, w) => n + w.duplicates, 0);
  const perSecFigure = figure(windows.map((w) => w.perSec));
  const rows: Row[] = [
    ratioRow(
      `write ack p50 (each notifies ${recipients})`,
      rounds,
      (r) => [r.product.phase.ack.p50, r.baseline.phase.ack.p50],
      {
        format: ms,
      },
    ),
    ratioRow(
      `write ack p99 (of ${s.writes} per round)`,
      rounds,
      (r) => [r.product.phase.ack.p99, r.baseline.phase.ack.p99],
      {
        target: `≤ ${TARGET_ACK_RATIO}`,
        test: (x) => x <= TARGET_ACK_RATIO,
        format: ms,
      },
    ),
    {
      metric: 'email jobs per write (outgoing_emails rows, every round)',
      product: range(jobs),
      baseline: range(rounds.flatMap((r) => r.baseline.perWrite.map((w) => w.emails))),
      target: `= ${recipients}, one per notification`,
      met: jobs.every((j, i) => j === recipients && stored[i] === recipients),
    },
    valueRow(`emails/s at the sink (${s.writes} × ${recipients} queued per round)`, windows, (w) => w.perSec, {
      format: (v) => round(v, 1),
    }),
    {
      metric: `time to send one write's ${recipients} emails at that rate (median)`,
      product: minutes(perSecFigure.median ? recipients / perSecFigure.median : null),
      target: 'the SMTP server’s pace',
      met: paced ? null : false,
    },
    {
      metric: `queue lag p50 / p99 / max (ack → 250, first ${minutes(last.window.windowS)}, last round)`,
      product: `${ms(last.window.lag.p50)} / ${ms(last.window.lag.p99)} / ${ms(last.window.lag.max)}`,
    },
    {
      metric: 'emails still queued at the end of that window (each round)',
      product: windows.map((w) => w.queuedAfter).join(', '),
    },
    {
      metric: `delivery check (2 writes × ${check.expected / 2} readers): received / expected`,
      product: `${check.unique} / ${check.expected}`,
      target: '0 lost',
      met: check.unique === check.expected && check.unmatched === 0,
    },
    {
      metric: 'delivery check: emails/s, lag p50 / p99 / max',
      product: `${round(check.perSec, 1)}/s, ${ms(check.lag.p50)} / ${ms(check.lag.p99)} / ${ms(check.lag.max)}`,
    },
    {
      metric: 'duplicates by Message-ID (check + every window)',
      product: duplicates,
      target: '0',
      met: duplicates === 0,
    },
    {
      metric: 'recorded sent = arrived at the sink (each window)',
      product: windows.map((w) => `${w.statuses.sent ?? 0} / ${w.unique}`).join(', '),
      target: 'equal',
      met: windows.every((w) => (w.statuses.sent ?? 0) === w.unique),
    },
    valueRow('server CPU µs per email sent (window)', windows, (w) => w.serverCpuUsPerEmail, {
      format: (v) => round(v, 0),
    }),
  ];
  if (paced) {
    const r = ratio(paced.delivery.perSec, paced.sinkPace);
    rows.push({
      metric: `paced relay (${paced.delayMs} ms/message): emails/s vs the sink's pace`,
      product: round(paced.delivery.perSec, 0),
      baseline: round(paced.sinkPace, 0),
      ratio: r,
      target: 'the sink’s pace (0.9–1.0), 0 lost',
      met:
        r !== null &&
        r >= 0.9 &&
        r <= 1.02 &&
        paced.delivery.unique === paced.delivery.expected &&
        paced.delivery.duplicates === 0,
    });
  }
  const phases: Cell[][] = [
    ['phase', 'writes', 'ack p50', 'ack p99', 'ack max', 'server CPU', 'db CPU', 'sink CPU', 'other CPU', 'backlog'],
  ];
  const noise: [string, number][] = [];
  for (const r of rounds) {
    for (const who of r.order) {
      const side = r[who];
      const p = side.phase;
      const name = roundLabel(r.index, who === 'product' ? 'email on (default)' : 'email off (in-app)');
      noise.push([`${name} writes`, p.otherLoad]);
      phases.push([
        name,
        p.writes.length,
        ms(p.ack.p50),
        ms(p.ack.p99),
        ms(p.ack.max),
        pct(p.cpu.server / p.cpu.wallMs),
        pct(p.cpu.db / p.cpu.wallMs),
        pct(p.cpu.sink / p.cpu.wallMs),
        pct(p.otherLoad),
        side.backlog,
      ]);
    }
  }
  const sending: Cell[][] = [
    [
      'sending',
      'emails',
      'emails/s',
      'span',
      'lag p50',
      'lag p99',
      'lag max',
      'server µs/email',
      'other CPU',
      'statuses',
    ],
  ];
  const sendRows: [string, Delivery][] = [
    [`delivery check, ${check.expected / 2} readers`, check],
    ...(paced ? ([[`paced sink, ${paced.delayMs} ms/message`, paced.delivery]] as [string, Delivery][]) : []),
    ...rounds.map((r): [string, Delivery] => [
      roundLabel(r.index, `${recipients} readers, first ${minutes(r.product.window.windowS)}`),
      r.product.window,
    ]),
  ];
  for (const [name, d] of sendRows) {
    sending.push([
      name,
      `${d.unique}/${d.expected}`,
      round(d.perSec, 1),
      d.spanS === null ? '–' : `${round(d.spanS, 1)} s`,
      ms(d.lag.p50),
      ms(d.lag.p99),
      ms(d.lag.max),
      round(d.serverCpuUsPerEmail, 0),
      pct(d.otherLoad),
      Object.entries(d.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]);
  }
  invalidReasons.push(...noiseReasons(noise));
  const maxConnections = Math.max(check.maxConnections, ...windows.map((w) => w.maxConnections));
  return {
    startedAt: new Date().toISOString(),
    scale:
      `a group of ${recipients + 1} (a facilitator and ${recipients} readers, all always at work); ${s.writes} writes per phase, ` +
      `one every ${s.intervalMs} ms, alternately a new recommendation and its outcome, each notifying all ${recipients}; ` +
      `${SEND_CONCURRENCY} SMTP connections (MAIL_SEND_CONCURRENCY), JOB_POLL_SECONDS 2 (defaults); a delivery check of ` +
      `2 writes in a group of ${s.checkReaders} readers; ${rounds.length} rounds alternating the writes with email off and on ` +
      `(same server), sending watched for ${s.windowS} s after each round's first email-on write, and every phase ` +
      `started with the outbox emptied`,
    rounds: rounds.length,
    valid: invalidReasons.length === 0,
    invalidReasons,
    rows,
    tables: { 'Writes (acknowledged by HTTP)': phases, 'Sending (at the sink)': sending },
    notes: [
      'product = email on (every reader gets an `email.send` job: the types’ default); baseline = the same server and group with both types set to `in-app` by every reader (notifications stored, no email); the rounds alternate them, each phase after the previous backlog has gone out.',
      'The write’s own transaction (the thread or its outcome and the feed event) commits and is acknowledged; the notifications are stored after that commit by a listener in their own transaction, and the outbox rows and jobs are inserted in that transaction, with the notifications. So the email work never lengthens the acknowledged transaction: the ack ratio measures the interference of that after-commit work (and of sending) with the next writes on the same two cores.',
      `With ${s.writes} writes per phase, p99 is the slowest write of the round; the ratio is the median of the rounds' p99 ratios. Every write's times are in the record.`,
      'Queue lag runs from the write’s acknowledgement to the sink’s 250 for each email: storing the notifications, pg-boss’s polling, rendering, the SMTP exchange and the wait behind earlier emails.',
      'Validity counts only the write phases (the ack comparison); the CPU other processes used while sending is in the Sending table.',
      ...(out.pacedSkipped ? [`Paced relay ${out.pacedSkipped}.`] : []),
      `Most SMTP connections the sink saw at once: ${maxConnections}.`,
    ],
    details: out,
  };
}

export const benchmark: Benchmark = {
  name: 'email',
  description: 'writes that notify 1,000 readers by email: ack latency with and without email, emails/s, queue lag',
  usersNeeded: (opts) => scale(opts).recipients + 1,
  run,
};
