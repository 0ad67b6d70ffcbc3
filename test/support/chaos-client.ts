import type { CatchUp } from '../../src/events/change-feed.service';
import type { ErrorResponse } from '../../src/common/error-response';
import type { FeedEvent } from '../../src/events/events';
import type { Ack } from '../../src/realtime/socket-protocol';
import type { PostedMessage } from '../../src/threads/messages.service';
import { GroupReplica, RECONNECT_DELAY_MS } from './cluster-client';
import { openSocket, sleep, TestSocket } from './sockets';

/**
 * A member's client as the web client behaves behind a load balancer, for the reliability suite: one socket at a
 * time to one of the cluster's node slots, its own reconnection (same slot first, then the others, with socket.io's
 * jittered back-off), a catch-up by seq on every connect and on every gap that outlives a moment, and sends that
 * are retried with the same clientId until one is acknowledged.
 */

/** The URL of each node slot as the load balancer sees it now: a restarted node takes its slot's new URL. */
export type Slots = () => string[];

export interface Delivered {
  posted: PostedMessage;
  /** How many times it was emitted, the acknowledged one included. */
  attempts: number;
  /** The refusals it got before it was acknowledged. */
  refused: ErrorResponse[];
  /** Milliseconds from the first emit to the acknowledgement. */
  tookMs: number;
}

/** Statuses worth retrying with the same clientId: the server or a dependency is away, or it asked us to slow down. */
const RETRYABLE = (status: number) => status >= 500 || status === 429;
/** Long enough that a gap closed by a live event a moment later does not cost a catch-up. */
const GAP_GRACE_MS = 250;

export class ChaosClient {
  readonly replica: GroupReplica;
  readonly connections: { url: string; at: number }[] = [];
  readonly disconnections: { url: string; reason: string; at: number }[] = [];
  /** When a catch-up on a fresh connection completed: the client is back in business. */
  readonly caughtUp: { url: string; at: number }[] = [];
  /** Live events as they arrived: seq and when. */
  readonly live: { seq: number; at: number }[] = [];
  readonly refusedHandshakes: string[] = [];
  readonly failedSyncs: string[] = [];
  unanswered = 0;
  private socket?: TestSocket;
  private home: number;
  private closed = false;
  private waiting: (() => void)[] = [];
  private syncing?: Promise<void>;
  private syncAgain = false;
  private gapTimer?: NodeJS.Timeout;
  private pendingOpen?: NodeJS.Timeout;

  constructor(
    private readonly slots: Slots,
    private readonly token: string,
    readonly groupId: string,
    home: number,
  ) {
    this.replica = new GroupReplica(groupId);
    this.home = home;
    this.open(0);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  get url(): string | undefined {
    return this.connected ? this.connections.at(-1)?.url : undefined;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    clearTimeout(this.pendingOpen);
    this.socket?.close();
  }

  /** Sends until acknowledged, always with the same clientId; throws on a refusal a retry cannot fix. */
  async send(
    payload: { threadId: string; body: string; clientId: string },
    { ackTimeoutMs = 10_000, deadlineMs = 90_000 } = {},
  ): Promise<Delivered> {
    const started = Date.now();
    const refused: ErrorResponse[] = [];
    for (let attempt = 1; ; attempt += 1) {
      if (Date.now() - started > deadlineMs) {
        throw new Error(`send ${payload.clientId} not acknowledged within ${deadlineMs} ms (${attempt - 1} attempts)`);
      }
      const socket = await this.whenConnected(started + deadlineMs);
      const answer = await emitSend(socket, payload, ackTimeoutMs);
      if (answer === undefined) {
        this.unanswered += 1;
        continue;
      }
      if (answer.ok) return { posted: answer.data, attempts: attempt, refused, tookMs: Date.now() - started };
      refused.push(answer.error);
      if (!RETRYABLE(answer.error.statusCode)) {
        throw new Error(`send ${payload.clientId} refused: ${JSON.stringify(answer.error)}`);
      }
      await sleep(Math.min(100 * attempt, 1000));
    }
  }

  /** One emit on the socket open now: its answer, or undefined when none came in time or the socket went away. */
  async sendOnce(
    payload: { threadId: string; body: string; clientId: string },
    timeoutMs: number,
  ): Promise<Ack<PostedMessage> | undefined> {
    if (!this.socket?.connected) return undefined;
    return emitSend(this.socket, payload, timeoutMs);
  }

  /** Asks for the events after the replica's last seq once: the answer as it came, or undefined if none came. */
  async syncOnce(timeoutMs: number): Promise<Ack<unknown> | undefined> {
    if (!this.socket?.connected) return undefined;
    return this.socket
      .timeout(timeoutMs)
      .emitWithAck('sync', { groupId: this.groupId, after: this.replica.last })
      .catch(() => undefined);
  }

  /** Catches up until the replica holds every seq up to `lastSeq`. */
  async catchUpTo(lastSeq: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.replica.last < lastSeq) {
      if (Date.now() > deadline) {
        throw new Error(`replica of ${this.groupId} stuck at seq ${this.replica.last} of ${lastSeq}`);
      }
      await this.whenConnected(deadline);
      await this.sync();
      if (this.replica.last < lastSeq) await sleep(100);
    }
  }

  private open(attempt: number): void {
    if (this.closed) return;
    const slots = this.slots();
    const slot = (this.home + attempt) % slots.length;
    const url = slots[slot];
    const socket = openSocket(url, this.token, { timeout: 5000 });
    socket.on('connect', () => {
      this.home = slot;
      this.socket = socket;
      this.connections.push({ url, at: Date.now() });
      this.waiting.splice(0).forEach((wake) => wake());
      void this.sync();
    });
    socket.on('connect_error', (error) => {
      socket.close();
      this.refusedHandshakes.push(`${url}: ${error.message}`);
      // Every slot tried in turn, then the back-off before the next round.
      const next = attempt + 1;
      this.reopen(next, next % slots.length === 0);
    });
    socket.on('disconnect', (reason) => {
      this.disconnections.push({ url, reason, at: Date.now() });
      socket.close();
      this.reopen(0, true);
    });
    socket.on('event', (event: FeedEvent) => {
      this.live.push({ seq: event.seq, at: Date.now() });
      this.replica.receive(event);
      if (this.replica.hasGap && !this.gapTimer) {
        this.gapTimer = setTimeout(() => {
          this.gapTimer = undefined;
          if (this.replica.hasGap) void this.sync();
        }, GAP_GRACE_MS);
      }
    });
  }

  private reopen(attempt: number, backOff: boolean): void {
    if (this.closed) return;
    // socket.io-client's default: 1 s, randomized by ±50 % so a node's clients do not all come back at once.
    const delay = backOff ? RECONNECT_DELAY_MS * (0.5 + Math.random()) : 0;
    this.pendingOpen = setTimeout(() => this.open(attempt), delay);
  }

  private whenConnected(deadline: number): Promise<TestSocket> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no connection for ${this.groupId}'s client`)),
        deadline - Date.now(),
      );
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve(this.socket!);
      });
    });
  }

  /** One catch-up at a time; asked again meanwhile (a new connection, a gap), it runs once more. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        for (let round = 0; round === 0 || this.syncAgain || this.replica.hasGap; round += 1) {
          if (round >= 10) throw new Error(`a gap after seq ${this.replica.last} survived 10 catch-ups`);
          this.syncAgain = false;
          await this.catchUp();
        }
      } catch (error) {
        this.failedSyncs.push((error as Error).message);
        // A refused or lost catch-up is tried again while connected; a new connection asks again anyway.
        setTimeout(() => {
          if (!this.closed && this.connected) void this.sync();
        }, 500);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async catchUp(): Promise<void> {
    const socket = this.socket;
    const url = this.connections.at(-1)?.url ?? '';
    if (!socket?.connected) throw new Error('not connected');
    for (let hasMore = true; hasMore;) {
      const answer: Ack<CatchUp> = await socket
        .timeout(5000)
        .emitWithAck('sync', { groupId: this.groupId, after: this.replica.last });
      if (!answer.ok) throw new Error(`sync refused: ${JSON.stringify(answer.error)}`);
      if (answer.data.resync) throw new Error(`told to resync after seq ${this.replica.last}`);
      answer.data.events.forEach((event) => this.replica.receive(event));
      hasMore = answer.data.hasMore;
    }
    if (socket.connected) this.caughtUp.push({ url, at: Date.now() });
  }
}

/** One emit of message.send: its answer, or undefined when none came (timed out, or the socket went away). */
function emitSend(
  socket: TestSocket,
  payload: { threadId: string; body: string; clientId: string },
  timeoutMs: number,
): Promise<Ack<PostedMessage> | undefined> {
  return new Promise((resolve) => {
    const done = (answer: Ack<PostedMessage> | undefined) => {
      clearTimeout(timer);
      socket.off('disconnect', gone);
      resolve(answer);
    };
    const gone = () => done(undefined);
    const timer = setTimeout(gone, timeoutMs);
    socket.once('disconnect', gone);
    socket.emit('message.send', payload, done);
  });
}
