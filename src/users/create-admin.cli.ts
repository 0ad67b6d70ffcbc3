import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { createAdminPassword, loadConfig } from '../config/app-config';
import { DataDirError } from '../database/embedded/data-dir';
import { openDatabase } from '../database/open-database';
import { WorkspaceSetupService } from './workspace-setup.service';

const USAGE = 'usage: npm run create-admin -- --email <address> --name <display name> [--locale en|ar]';

/** The password from ADMIN_PASSWORD, else stdin's first line: never an argument, which `ps` and shell history show. */
async function readPassword(): Promise<string> {
  const fromEnv = createAdminPassword();
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('\n')) break;
  }
  return input.split(/\r?\n/)[0];
}

/**
 * `npm run create-admin -- --email … --name …`: creates a workspace admin without the setup link, for whoever has
 * a shell on the server. On the embedded database it refuses, touching nothing, while a server holds DATA_DIR.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } },
  });
  const email = values.email?.trim().toLowerCase() ?? '';
  if (
    !/^[^\s@]+@[^\s@]+$/.test(email) ||
    !values.name?.trim() ||
    (values.locale && !['en', 'ar'].includes(values.locale))
  ) {
    throw new Error(USAGE);
  }
  const password = await readPassword();
  const database = await openDatabase(loadConfig());
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(database.config), {
      logger: ['error', 'warn'],
    });
    try {
      const admin = await app.get(WorkspaceSetupService).createAdmin({
        email,
        displayName: values.name!.trim(),
        password,
        locale: values.locale as 'en' | 'ar' | undefined,
      });
      console.log(`Created the workspace admin ${admin.email}.`);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

main().catch((error: Error & { details?: { message: string }[] }) => {
  if (error instanceof DataDirError) console.error(`Cannot start: ${error.message}`);
  else console.error(error.details?.map((d) => d.message).join('; ') ?? error.message);
  process.exit(1);
});
