import { Global, Logger, Module } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions, forMigrations } from './data-source-options';
import { endBusyClientsOnRelease } from './busy-clients';
import { DiskSpace } from './disk-space';
import { migrate } from './migrate';

/**
 * A pooled client whose connection the server terminates (restart, pg_terminate_backend) emits 'error'. TypeORM
 * attaches its listener one step after pg-pool drops its own, so an error arriving in between was unhandled and
 * crashed the process. Every client gets a permanent listener the moment it connects; the failed query itself
 * still rejects and is answered 503.
 */
function listenForConnectionErrors(source: DataSource): void {
  const logger = new Logger('Database');
  const pool = (
    source.driver as unknown as { master?: { on?: (event: string, listener: (client: EventEmitter) => void) => void } }
  ).master;
  pool?.on?.('connect', (client) =>
    client.on('error', (error: Error) => logger.warn(`Database connection lost: ${error.message}`)),
  );
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
      // Migrations are part of start-up: the schema is never synchronized.
      dataSourceFactory: async (options) => {
        await migrate(forMigrations(options!));
        const source = await new DataSource(options!).initialize();
        listenForConnectionErrors(source);
        endBusyClientsOnRelease(source);
        return source;
      },
    }),
  ],
  providers: [DiskSpace],
  exports: [DiskSpace],
})
export class DatabaseModule {}
