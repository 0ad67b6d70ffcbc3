import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Public } from '../auth/public.decorator';
import type { FieldError } from '../common/error-response';
import { fieldError, refusal } from '../common/errors/refusal';
import { DiskSpace } from '../database/disk-space';
import { REDIS } from '../redis/redis.module';
import { Draining, shuttingDown } from './draining';
import { HealthRepository } from './health.repository';

type Check = 'up' | 'down' | 'not-configured';

export class HealthDto {
  status: 'ok' | 'degraded';
  database: Check;
  redis: Check;
  /** The embedded database's disk: 'down' while it is too full to take writes; not watched with DATABASE_URL. */
  disk: Check;
}

export class LivenessDto {
  status: 'ok';
}

export class ReadinessDto {
  status: 'ok';
  database: 'up';
  redis: 'up' | 'not-configured';
  migrations: 'up';
  disk: 'up' | 'not-configured';
}

/**
 * Three answers for three readers. `live`: the process runs and its event loop turns (a supervisor restarts it
 * otherwise; nothing outside the process can make it fail, so a database or Redis blip never restarts every node at
 * once). `ready`: this node should get traffic (database and Redis answer, its migrations are applied, its disk takes
 * writes, it is not shutting down); a load balancer reads it. `/api/health`: the older combined check, kept for the
 * deployments that probe it. Indicators run through @nestjs/terminus, each bounded by a second.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly diskSpace: DiskSpace,
    private readonly draining: Draining,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  async check(): Promise<HealthDto> {
    const [database, redis] = await Promise.all([this.probe('database'), this.probe('redis')]);
    const disk = this.disk();
    const problems = [
      ...(database === 'down' ? [fieldError('database', 'not-answering')] : []),
      ...(redis === 'down' ? [fieldError('redis', 'not-answering')] : []),
      ...(disk === 'down' ? [this.diskSpace.problem()!] : []),
    ];
    if (problems.length > 0) throw dependencyDown(problems);
    return { status: 'ok', database, redis, disk };
  }

  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  async ready(): Promise<ReadinessDto> {
    if (this.draining.active) throw shuttingDown();
    const problems: FieldError[] = [];
    const result = await this.health
      .check([
        () => this.indicator('database'),
        () => this.indicator('redis'),
        () => this.indicator('migrations'),
        () => this.indicator('disk'),
      ])
      .catch((error: unknown) => {
        if (!(error instanceof ServiceUnavailableException)) throw error;
        return error.getResponse() as { details: Record<string, { status: string }> };
      });
    for (const [key, { status }] of Object.entries(result.details)) {
      if (status !== 'down') continue;
      if (key === 'disk') problems.push(this.diskSpace.problem() ?? fieldError('disk', 'not-answering'));
      else problems.push(fieldError(key, key === 'migrations' ? 'migrations-pending' : 'not-answering'));
    }
    if (problems.length > 0) throw dependencyDown(problems);
    return {
      status: 'ok',
      database: 'up',
      redis: this.redis ? 'up' : 'not-configured',
      migrations: 'up',
      disk: this.diskSpace.watched ? 'up' : 'not-configured',
    };
  }

  private async indicator(key: 'database' | 'redis' | 'migrations' | 'disk') {
    const session = this.indicators.check(key);
    if (key === 'disk') return this.disk() === 'down' ? session.down() : session.up();
    if (key === 'migrations')
      return (await bounded(() => this.database.migrationsApplied()).catch(() => false))
        ? session.up()
        : session.down();
    return (await this.probe(key)) === 'down' ? session.down() : session.up();
  }

  private probe(key: 'database' | 'redis'): Promise<Check> {
    if (key === 'redis' && !this.redis) return Promise.resolve('not-configured');
    const run: () => Promise<unknown> = key === 'database' ? () => this.database.ping() : () => this.redis!.ping();
    return bounded(run).then(
      () => 'up' as const,
      () => 'down' as const,
    );
  }

  private disk(): Check {
    if (!this.diskSpace.watched) return 'not-configured';
    return this.diskSpace.problem() ? 'down' : 'up';
  }
}

function dependencyDown(details: FieldError[]): ServiceUnavailableException {
  return new ServiceUnavailableException({ ...refusal('dependency-down'), details });
}

/** A dependency that has not answered within a second is down for this check. */
async function bounded<T>(run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000)));
  try {
    return await Promise.race([run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
