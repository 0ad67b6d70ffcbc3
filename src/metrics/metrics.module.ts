import { Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool-metrics';
import { Metrics } from './metrics';

/** One Prometheus registry per node that every module records into (served by metrics-endpoint.ts). */
@Global()
@Module({ providers: [Metrics, DatabasePoolMetrics], exports: [Metrics] })
export class MetricsModule {}
