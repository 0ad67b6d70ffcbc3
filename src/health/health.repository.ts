import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The health check's one query. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
