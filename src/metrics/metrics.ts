import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, exponentialBuckets, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from a cached read to a slow report. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/**
 * Delivery lag is the figure operators alert on and compare with what clients see: each bucket 1.2 × the last
 * (0.5 ms to ~4 s), so a p99 read from it lands within a few percent, where 2.5× steps could be off by half.
 */
const DELIVERY_LAG_BUCKETS = exponentialBuckets(0.0005, 1.2, 50);

/**
 * Every metric this node exposes, in one Prometheus registry (prom-client). Modules record into these; gauges that
 * are cheaper to read than to keep (sockets, pool, queue depth) are read at scrape time through `onScrape`.
 * Names follow Prometheus conventions: `tansiq_` prefix, base units (seconds, bytes), `_total` for counters.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'tansiq_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'tansiq_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly socketEvents = new Counter({
    name: 'tansiq_socket_events_total',
    help: 'Socket events received from clients, by event name',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly socketEventDuration = new Histogram({
    name: 'tansiq_socket_event_duration_seconds',
    help: 'Time from a socket event to its acknowledgement, by event name',
    labelNames: ['event'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly deliveryLag = new Histogram({
    name: 'tansiq_delivery_lag_seconds',
    help: 'Time from a change being written to its push to the group room (commit → push), on the writing node',
    buckets: DELIVERY_LAG_BUCKETS,
    registers: [this.registry],
  });

  readonly messagesPerCommit = new Histogram({
    name: 'tansiq_messages_per_commit',
    help: 'Sends settled by one commit of the send path (group commit: the sends to a group that queued meanwhile; a retried client id counts though it writes nothing)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 100],
    registers: [this.registry],
  });

  readonly emails = new Counter({
    name: 'tansiq_emails_total',
    help: 'Emails finished, by outcome: sent (SMTP), written (file), failed, skipped',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'tansiq_job_failures_total',
    help: 'Job runs that threw (each is retried with backoff, or kept as failed after its last try), by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  private readonly scrapes: (() => Promise<void> | void)[] = [];

  constructor() {
    // Process CPU, memory, GC, handles, and event-loop lag (from monitorEventLoopDelay).
    collectDefaultMetrics({ register: this.registry, prefix: 'tansiq_', eventLoopMonitoringPrecision: 20 });
  }

  /** A gauge whose value is read when Prometheus scrapes, not kept up to date on every change. */
  gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  onScrape(read: () => Promise<void> | void): void {
    this.scrapes.push(read);
  }

  /** The exposition text; a reading that fails leaves its gauges as they were (the scrape still answers). */
  async render(): Promise<string> {
    await Promise.all(this.scrapes.map((read) => Promise.resolve(read()).catch(() => undefined)));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
