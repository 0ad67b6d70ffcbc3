import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { loadConfig } from '../../config/app-config';
import { DataDirError } from '../embedded/data-dir';
import { openDatabase } from '../open-database';
import { seedDemo } from './seed';

/**
 * `npm run seed`: adds the demo workspace to the configured database if it is not there yet. On the embedded
 * database it refuses, touching nothing, while a server holds DATA_DIR.
 */
async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(database.config), {
      logger: ['error', 'warn'],
    });
    try {
      console.log(await seedDemo(app));
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DataDirError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
