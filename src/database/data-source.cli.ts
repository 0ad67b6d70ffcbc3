import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, forMigrations } from './data-source-options';

/** For the TypeORM CLI (migration:run, migration:revert) with the app's own configuration. */
export default new DataSource(forMigrations(dataSourceOptions(loadConfig())));
