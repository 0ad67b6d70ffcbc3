import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The health checks' queries. */
@Injectable()
export class HealthRepository {
  /** Once every migration this build knows is applied it stays so: no other node can un-apply one. */
  private applied = false;

  constructor(private readonly db: DataSource) {}

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Whether every migration of this build is applied (another node may still be applying them). */
  async migrationsApplied(): Promise<boolean> {
    if (!this.applied) this.applied = !(await this.db.showMigrations());
    return this.applied;
  }
}
