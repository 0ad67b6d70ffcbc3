import 'reflect-metadata';
import { backupCommand } from './database/backup.cli';
import { migrateCommand } from './database/migrate.cli';
import { restoreCommand } from './database/restore.cli';
import { seedCommand } from './database/seed/seed.cli';
import { CliCommand, runCommand, UsageError } from './cli/cli-command';
import { createAdminCommand } from './users/create-admin.cli';
import { resetPasswordCommand } from './users/reset-password.cli';

/**
 * The operator's one command, run from the build as it is (`node dist/cli.js <command>`, no rebuild, no dev
 * dependencies): every line it writes is JSON, one result on success or one error and a non-zero exit code.
 */
const COMMANDS: CliCommand[] = [
  createAdminCommand,
  resetPasswordCommand,
  migrateCommand,
  seedCommand,
  backupCommand,
  restoreCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: node dist/cli.js <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
    '',
    'Configured by the same environment variables as the server (DATABASE_URL or DATA_DIR, …, and their *_FILE forms).',
    'Output: JSON lines on stdout; exit code 0 on success, 1 on failure, 2 on a usage error.',
  ].join('\n');
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
  // Help is for a person at a terminal: plain text, the one output that is not JSON.
  process.stdout.write(help() + '\n');
  process.exit(name === undefined ? 2 : 0);
}
const command = COMMANDS.find((c) => c.name === name);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write((command ? `usage: node dist/cli.js ${command.usage}\n` : help()) + '\n');
  process.exit(command ? 0 : 2);
}
void runCommand(
  command ?? {
    name,
    summary: '',
    usage: '',
    run: () =>
      Promise.reject(new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`)),
  },
  args,
);
