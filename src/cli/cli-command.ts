import { HttpException, INestApplicationContext, LoggerService } from '@nestjs/common';
import { cliLog } from '../common/process-log';
import { AppConfig, loadConfig } from '../config/app-config';
import { DataDirError } from '../database/embedded/data-dir';
import { openDatabase } from '../database/open-database';
import { DomainEventBus } from '../events/domain-event-bus';

/** What a command prints on success: one JSON line, `message` its text, the rest its fields. */
export interface CliResult {
  message: string;
  [field: string]: unknown;
}

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  usage: string;
  run(args: string[]): Promise<CliResult>;
}

/** A mistake in how the command was called: the usage is the answer. */
export class UsageError extends Error {}

/** Nest's own lines during a command (warnings and errors only) as JSON, like everything else the CLI writes. */
const nestLog: LoggerService = {
  log: () => undefined,
  warn: (message: unknown, context?: unknown) => cliLog.warn({ nest: context }, String(message)),
  error: (message: unknown, ...rest: unknown[]) => cliLog.error({ nest: rest[rest.length - 1] }, String(message)),
  fatal: (message: unknown, context?: unknown) => cliLog.fatal({ nest: context }, String(message)),
};

/**
 * Runs `work` with the app (its services, no HTTP or socket server) on the configured database: an external one, or
 * the embedded one in DATA_DIR, which it starts and refuses to touch while a server holds it.
 */
export async function withApp<T>(work: (app: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig());
  try {
    // Loaded only now: `--help` and usage errors answer without loading the whole app.
    const { NestFactory } = await import('@nestjs/core');
    const { AppModule } = await import('../app.module');
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(database.config), { logger: nestLog });
    try {
      const result = await work(app, database.config);
      // What the work set off after its commits (notifications, audit, mail jobs) finishes before the pool closes.
      await app.get(DomainEventBus).settled();
      return result;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** The password from `fromEnv`, else stdin's first line: never an argument by default, which `ps` and history show. */
export async function readPassword(fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('\n')) break;
  }
  return input.split(/\r?\n/)[0];
}

/** The error as one line an operator can act on; a validation failure names its fields. */
function describe(error: unknown): { message: string; fields: Record<string, unknown> } {
  if (error instanceof DataDirError) return { message: error.message, fields: {} };
  if (error instanceof UsageError) return { message: error.message, fields: {} };
  if (error instanceof HttpException) {
    const body = error.getResponse() as { code?: string; message?: string; details?: { message: string }[] };
    const details = body.details?.map((d) => d.message).join('; ');
    return { message: details || body.message || error.message, fields: { code: body.code } };
  }
  return { message: (error as Error).message, fields: { err: error } };
}

/**
 * Runs one command and exits: its result as one JSON line and 0, or one JSON error line and 1. Exits explicitly so
 * that a timer some module left behind never keeps a finished command alive.
 */
export async function runCommand(command: CliCommand, args: string[]): Promise<never> {
  try {
    const { message, ...fields } = await command.run(args);
    cliLog.info({ command: command.name, ...fields }, message);
    process.exit(0);
  } catch (error) {
    const { message, fields } = describe(error);
    cliLog.error({ command: command.name, ...fields }, message);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}
