import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { seedIfEmpty } from './database/seed/seed';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  const demo = config.seedDemo ? await seedIfEmpty(app) : null;
  console.log(`\nTansiq is running at ${url}  (API docs: ${url}/api/docs)`);
  console.log(
    `Database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; live delivery: ${config.redisUrl ? 'Redis adapter' : 'in-process'}`,
  );
  if (demo) console.log(demo);
}

void main();
