import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Draining } from './draining';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

/** Health for supervisors and load balancers, and the draining state that shutdown sets and every request reads. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthRepository, Draining],
  exports: [Draining],
})
export class HealthModule {}
