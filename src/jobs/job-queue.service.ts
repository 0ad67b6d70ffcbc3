import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Db, JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import { EntityManager, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Metrics } from '../metrics/metrics';
import { JOB_QUEUES, JOB_SCHEDULES, JobData, JobName } from './job-queues';

/** The schema pg-boss keeps its tables in; it creates and upgrades them itself, under its own advisory lock. */
export const JOB_SCHEMA = 'pgboss';

/** One job to add: its data and, optionally, when it may start and a key that keeps it unique while queued. */
export interface NewJob<N extends JobName> {
  data: JobData[N];
  startAfter?: Date;
  singletonKey?: string;
}

/** A job as its handler sees it: whether this is the last try decides how a failure is recorded. */
export interface RunningJob<N extends JobName> {
  id: string;
  data: JobData[N];
  retryCount: number;
  retryLimit: number;
}

/**
 * The durable job queue: pg-boss on the same PostgreSQL. Jobs are added in the caller's transaction (they commit
 * or roll back with the change that causes them), each runs once across all nodes, failures retry with backoff
 * and the last failure is kept. Handlers are registered by the modules that own the work.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'tansiq-jobs',
      max: 4,
      // A node's jobs are checked for lost heartbeats this often; a killed node's email is retried soon after.
      superviseIntervalSeconds: 15,
    });
    this.boss.on('error', (error: Error) => this.logger.error(`Job queue: ${error.message}`));
    const depth = metrics.gauge('tansiq_job_queue_jobs', 'Jobs in each queue by state (from pg-boss)', [
      'queue',
      'state',
    ]);
    metrics.onScrape(async () => {
      for (const queue of await this.boss.getQueues()) {
        depth.set({ queue: queue.name, state: 'ready' }, queue.readyCount);
        depth.set({ queue: queue.name, state: 'deferred' }, queue.deferredCount);
        depth.set({ queue: queue.name, state: 'active' }, queue.activeCount);
        depth.set({ queue: queue.name, state: 'failed' }, queue.failedCount);
      }
    });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start({ attempts: 3 });
    const existing = new Set((await this.boss.getQueues()).map((queue) => queue.name));
    const queues = {
      ...JOB_QUEUES,
      'email.send': { ...JOB_QUEUES['email.send'], retryDelay: this.config.mail.retryDelaySeconds },
    };
    for (const [name, options] of Object.entries(queues)) {
      if (existing.has(name)) await this.boss.updateQueue(name, withoutFixed(options));
      else await this.boss.createQueue(name, options);
    }
    for (const [name, cron] of Object.entries(JOB_SCHEDULES)) await this.boss.schedule(name, cron, {}, { tz: 'UTC' });
  }

  /**
   * Before any module closes (the database pool among them): running handlers get a few seconds to finish and
   * record what they did; an email cut short is retried by another node once its heartbeat lapses.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 2000 });
  }

  /** Adds jobs in the caller's transaction: they exist if and only if it commits. */
  async enqueue<N extends JobName>(tx: EntityManager, name: N, jobs: NewJob<N>[]): Promise<void> {
    if (jobs.length === 0) return;
    // Outside a transaction (db.manager) the jobs are their own statement on pg-boss's pool.
    await this.boss.insert(name, jobs, tx.queryRunner ? { db: transactionOf(tx.queryRunner) } : {});
  }

  /**
   * Runs `handler` for each job of the queue, `concurrency` at a time on this node. A handler that throws has its
   * job retried (with the queue's backoff) until its retries are spent; then it is kept as failed.
   * Jobs are fetched `concurrency` at a time and run together, each settled on its own; while fetches come back
   * full the worker fetches again at once (pg-boss otherwise waits its polling interval after every fetch, which
   * held sending to a few emails a second whatever the relay's pace).
   */
  async work<N extends JobName>(
    name: N,
    concurrency: number,
    handler: (job: RunningJob<N>) => Promise<void>,
  ): Promise<void> {
    await this.boss.work(
      name,
      {
        includeMetadata: true,
        perJobResults: true,
        batchSize: concurrency,
        burstWhenBatchFull: true,
        pollingIntervalSeconds: this.config.jobPollSeconds,
      },
      async (jobs: JobWithMetadata<JobData[N]>[]): Promise<JobResult[]> => {
        const settled = await Promise.allSettled(
          jobs.map((job) =>
            handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit }),
          ),
        );
        const failures = settled.filter((result) => result.status === 'rejected').length;
        if (failures > 0) this.metrics.jobFailures.inc({ queue: name }, failures);
        return settled.map((result, i) =>
          result.status === 'fulfilled'
            ? { id: jobs[i].id, status: 'completed' }
            : { id: jobs[i].id, status: 'failed', output: { message: errorMessage(result.reason) } },
        );
      },
    );
  }

  /** Runs a scheduled queue now (an admin or a test asking for the digest or reminders without waiting). */
  async runNow(name: JobName): Promise<void> {
    await this.boss.send(name, {});
  }
}

/** Options pg-boss fixes when a queue is created. */
function withoutFixed(options: (typeof JOB_QUEUES)[JobName]) {
  const { policy: _policy, heartbeatSeconds: _heartbeat, ...rest } = options;
  return rest;
}

/** pg-boss runs its statements on the caller's TypeORM transaction. */
function transactionOf(runner: QueryRunner): Db {
  return {
    executeSql: async (text: string, values?: unknown[]) => ({
      rows: (await runner.query(text, values, true)).records,
    }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
