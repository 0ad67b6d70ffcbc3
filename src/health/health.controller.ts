import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import Redis from 'ioredis';
import { Public } from '../auth/public.decorator';
import { DiskSpace } from '../database/disk-space';
import { REDIS } from '../redis/redis.module';
import { HealthRepository } from './health.repository';
import { fieldError, refusal } from '../common/errors/refusal';

type Check = 'up' | 'down' | 'not-configured';

export class HealthDto {
  status: 'ok' | 'degraded';
  database: Check;
  redis: Check;
  /** The embedded database's disk: 'down' while it is too full to take writes; not watched with DATABASE_URL. */
  disk: Check;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly diskSpace: DiskSpace,
  ) {}

  /** 200 when every configured dependency answers within a second, 503 otherwise (load balancers read the code). */
  @Public()
  @Get()
  async check(): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.database.ping()),
      this.redis ? probe(() => this.redis!.ping()) : Promise.resolve<Check>('not-configured'),
    ]);
    const diskProblem = this.diskSpace.problem();
    const disk: Check = !this.diskSpace.watched ? 'not-configured' : diskProblem ? 'down' : 'up';
    const healthy = database !== 'down' && redis !== 'down' && disk !== 'down';
    const body: HealthDto = { status: healthy ? 'ok' : 'degraded', database, redis, disk };
    if (body.status !== 'ok')
      throw new ServiceUnavailableException({
        ...refusal('dependency-down'),
        details: [
          ...(database === 'down' ? [fieldError('database', 'not-answering')] : []),
          ...(redis === 'down' ? [fieldError('redis', 'not-answering')] : []),
          ...(diskProblem ? [diskProblem] : []),
        ],
      });
    return body;
  }
}

async function probe(run: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1000)));
  try {
    await Promise.race([run(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
