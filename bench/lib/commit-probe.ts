/**
 * The database's own commit latency, measured beside a run: raw `pg` single-row insert transactions
 * (BEGIN; INSERT; COMMIT) on one connection at a steady rate, into a bench-owned table of the benchmark's database.
 * This is the floor under any write path that acknowledges after commit.
 */
import { Client } from 'pg';
import { Histogram, HistogramJson, LatencySummary } from './histogram';

export interface ProbeTake {
  summary: LatencySummary;
  histogram: HistogramJson;
  failures: number;
}

export interface CommitProbe {
  take(): ProbeTake;
  stop(): Promise<void>;
}

export async function startCommitProbe(databaseUrl: string, { perSecond = 20 } = {}): Promise<CommitProbe> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(
    'CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), body text NOT NULL)',
  );
  let histogram = new Histogram();
  let running = true;
  let failures = 0;
  const loop = (async () => {
    const every = 1000 / perSecond;
    while (running) {
      const started = performance.now();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO bench_commit_probe (body) VALUES ($1)', [`probe ${started.toFixed(3)}`]);
        await client.query('COMMIT');
        histogram.record(performance.now() - started);
      } catch {
        failures += 1;
        await client.query('ROLLBACK').catch(() => undefined);
      }
      const wait = every - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    /** The histogram since the last take, and a fresh one from now. */
    take() {
      const taken = histogram;
      histogram = new Histogram();
      return { summary: taken.summary(), histogram: taken.toJSON(), failures };
    },
    async stop() {
      running = false;
      await loop;
      await client.end();
    },
  };
}
