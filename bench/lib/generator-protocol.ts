/**
 * What the bench and its load generators (generator.ts, forked) say to each other over IPC: every op's request and
 * answer. The generator implements them; lib/harness.ts and the benchmarks call them with `rpc`.
 */
import type autocannon from 'autocannon';
import type { HistogramJson } from './histogram';

export type ClientKind = 'lean' | 'sio';

/** One socket to open: where, with which token, and the indices of the groups it is in (for loss accounting). */
export interface ClientSpec {
  url: string;
  auth: { token: string };
  groups?: number[];
  /** The node a socket is on (nodes benchmark): deliveries are split into same-node and cross-node. */
  tag?: number;
}

export interface ConnectParams {
  clients: ClientSpec[];
  kind?: ClientKind;
  concurrency?: number;
  timeoutMs?: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  ms: number;
  errors: string[];
}

/** A client that sends into a thread of a group (by index). */
export interface Sender {
  client: number;
  threadId: string;
  group: number;
}

export interface WarmupParams {
  senders: Sender[];
  timeoutMs?: number;
}

export interface WarmupResult {
  ok: boolean;
  missing?: number;
  ms: number;
  rounds: number;
}

/** A command run during a phase (e.g. pausing Redis), `atMs` after its start. */
export interface SideAction {
  atMs: number;
  cmd: string;
  args: string[];
}

export interface ActionRecord extends SideAction {
  startedAt: number;
  endedAt?: number;
  output?: string;
  error?: string;
}

export interface PhaseParams {
  id: number;
  durationMs: number;
  rate?: number;
  mode?: 'open' | 'closed';
  senders: Sender[];
  maxInflight?: number;
  drainMs?: number;
  ackTimeoutMs?: number;
  trackSeq?: boolean;
  tagged?: boolean;
  timelineMs?: number;
  groupCount?: number;
  actions?: SideAction[];
  markAtMs?: number | null;
  maxMessages?: number;
}

export interface TimelineBucket {
  sent: number;
  acked: number;
  deliveries: number;
  maxLatency: number;
}

/** The generator's own CPU during an op: a phase in which it used > 90% of the wall time is invalid. */
export interface GeneratorCpu {
  cpuMs: number;
  wallMs: number;
}

export interface PhaseResult {
  id: number;
  groups: number | undefined;
  windowMs: number;
  windowStart: number;
  sent: number;
  acked: number;
  ackErrors: number;
  ackTimeouts: number;
  capped: number;
  overflow: number;
  deliveries: number;
  deliveriesInWindow: number;
  expected: number;
  unique: number;
  lost: number;
  duplicates: number;
  unackedDelivered: number;
  stale: number;
  latency: HistogramJson;
  /** Receipt minus the event's commit time (`at`); empty for servers whose events carry none (the bare one). */
  commitLag: HistogramJson;
  latencySame: HistogramJson | null;
  latencyCross: HistogramJson | null;
  ack: HistogramJson;
  timeline: TimelineBucket[];
  timelineMs: number;
  unexpectedCloses: number;
  actions: ActionRecord[];
  markAtMs: number | null;
  markDrainedAfterMs: number | null;
  errors: string[];
  generator: GeneratorCpu;
}

export interface CatchUpParams {
  groupIds: string[];
  /** The group's last seq before the phase, by group index. */
  afterByGroup: number[];
  concurrency?: number;
}

export interface CatchUpResult {
  recovered: number;
  stillMissing: number;
  requests: number;
  failures: number;
  ms: number;
  errors: string[];
}

export interface RawInsertParams {
  databaseUrl: string;
  concurrency: number;
  durationMs: number;
  row: { threadId: string; groupId: string; authorId: string };
}

export interface RawInsertResult {
  count: number;
  wallMs: number;
  dbCpuMs: number;
  latency: HistogramJson;
  generator: GeneratorCpu;
}

/** Every connection PATCHes its own action item, keeping the version it was answered. */
export interface PatchScenario {
  kind: 'patch-actions';
  items: { id: string; version: number }[];
}

export interface HttpParams {
  options: autocannon.Options;
  scenario?: PatchScenario;
}

export type HttpResult = Pick<
  autocannon.Result,
  'requests' | 'latency' | 'throughput' | 'errors' | 'timeouts' | 'non2xx' | 'statusCodeStats' | 'duration'
> & { generator: GeneratorCpu };

export interface StatusResult {
  clients: number;
  connected: number;
  unexpectedCloses: number;
  cpu: NodeJS.CpuUsage;
  memory: number;
}

/** The capacity benchmark's action kinds (capacity.ts MIX gives their weights). */
export type CapacityAction =
  | 'threadList'
  | 'messagePage'
  | 'post'
  | 'editPost'
  | 'reaction'
  | 'markRead'
  | 'notifications'
  | 'myActions'
  | 'actionUpdate'
  | 'search'
  | 'presence'
  | 'sync';

/** One simulated user: its token, its groups (threads, the group's seq), items it answers for, messages to react to. */
export interface CapacityUser {
  index: number;
  token: string;
  /** `writer`: a role that may post and react (an observer only reads). */
  groups: { id: string; threadIds: string[]; lastSeq: number; writer: boolean }[];
  items: { id: string; version: number; status: string }[];
  /** Recent messages of the groups they may write in. */
  messageIds: string[];
}

export interface CapacityAddParams {
  url: string;
  users: CapacityUser[];
  mix: [CapacityAction, number][];
  thinkMs: number;
  concurrency: number;
  maxHttpConnections: number;
}

export interface CapacityAddResult {
  connected: number;
  failed: number;
  ms: number;
  total: number;
}

/** What a generator's users did since its last snapshot. */
export interface CapacitySnapshot {
  users: number;
  connected: number;
  kinds: Partial<Record<CapacityAction, HistogramJson>>;
  errors: Partial<Record<CapacityAction, number>>;
  /** PATCHes answered 412/409 (someone else changed the item): a correct answer, counted apart, not an error. */
  conflicts: number;
  typingSent: number;
  sampleErrors: string[];
  generator: GeneratorCpu;
}
