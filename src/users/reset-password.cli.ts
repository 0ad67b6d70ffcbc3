import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { PasswordResetService } from '../auth/password-reset.service';
import { CliCommand, readPassword, runCommand, UsageError, withApp } from '../cli/cli-command';

const USAGE = 'reset-password --email <address> [--password <new password>]  (else the first line of stdin)';

/**
 * `node dist/cli.js reset-password --email …`: sets an account's password and ends all its sessions, for an
 * operator whose user cannot receive the reset email. The password is read from stdin unless given as a flag
 * (which `ps` and shell history show: for scripts that have no other way).
 */
export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  summary: "set an account's password (stdin or --password) and end all its sessions",
  usage: USAGE,
  async run(args) {
    let values: { email?: string; password?: string };
    try {
      ({ values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}; usage: ${USAGE}`);
    }
    const email = values.email?.trim().toLowerCase() ?? '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`usage: ${USAGE}`);
    const password = values.password ?? (await readPassword(undefined));
    const { userId } = await withApp((app) => app.get(PasswordResetService).resetByOperator(email, password));
    return { message: `Set a new password for ${email} and ended its sessions.`, email, userId };
  },
};

if (require.main === module) void runCommand(resetPasswordCommand, process.argv.slice(2));
