import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';
import { migrate } from './migrate';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
      // Migrations are part of start-up on both databases: the schema is never synchronized.
      dataSourceFactory: async (options) => {
        const source = await new DataSource(options!).initialize();
        await migrate(source, !(options as { url?: string }).url);
        return source;
      },
    }),
  ],
})
export class DatabaseModule {}
