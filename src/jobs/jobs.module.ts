import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { JobsRepository } from './jobs.repository';

/** The durable job queue, for every module that has work to do later or elsewhere. */
@Global()
@Module({ providers: [JobQueue, JobsRepository], exports: [JobQueue, JobsRepository] })
export class JobsModule {}
