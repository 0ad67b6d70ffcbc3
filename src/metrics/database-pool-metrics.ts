import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Metrics } from './metrics';

/** The pg pool behind TypeORM, read at scrape time: connections open, idle, and requests waiting for one. */
@Injectable()
export class DatabasePoolMetrics {
  constructor(db: DataSource, metrics: Metrics) {
    const clients = metrics.gauge('tansiq_db_pool_connections', 'PostgreSQL pool connections by state', ['state']);
    const waiting = metrics.gauge('tansiq_db_pool_waiting', 'Queries waiting for a free pool connection');
    metrics.onScrape(() => {
      const pool = (db.driver as unknown as { master?: Pool }).master;
      if (!pool) return;
      clients.set({ state: 'total' }, pool.totalCount);
      clients.set({ state: 'idle' }, pool.idleCount);
      waiting.set(pool.waitingCount);
    });
  }
}
