import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_SCHEMA } from './job-queue.service';

/** A job that ran out of retries, as the admin sees it. */
export interface FailedJob {
  id: string;
  name: string;
  retryCount: number;
  output: unknown;
  createdOn: string;
  completedOn: string | null;
}

/** Reads pg-boss's job table (its documented "direct database interactions"): what failed for good, newest first. */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: DataSource) {}

  async failed(limit: number): Promise<FailedJob[]> {
    return this.db.query(
      `SELECT id, name, retry_count AS "retryCount", output, created_on AS "createdOn", completed_on AS "completedOn"
         FROM ${JOB_SCHEMA}.job WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
      [limit],
    );
  }
}
