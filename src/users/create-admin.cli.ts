import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CliCommand, readPassword, runCommand, UsageError, withApp } from '../cli/cli-command';
import { createAdminPassword } from '../config/app-config';
import { WorkspaceSetupService } from './workspace-setup.service';

const USAGE =
  'create-admin --email <address> --name <display name> [--locale en|ar]  (password: ADMIN_PASSWORD or stdin)';

/**
 * `node dist/cli.js create-admin --email … --name …`: creates a workspace admin without the setup link, for whoever
 * has a shell on the server. On the embedded database it refuses, touching nothing, while a server holds DATA_DIR.
 */
export const createAdminCommand: CliCommand = {
  name: 'create-admin',
  summary: 'create a workspace admin (password from ADMIN_PASSWORD or stdin)',
  usage: USAGE,
  async run(args) {
    const { values } = parseCommandArgs(args);
    const email = values.email?.trim().toLowerCase() ?? '';
    if (
      !/^[^\s@]+@[^\s@]+$/.test(email) ||
      !values.name?.trim() ||
      (values.locale && !['en', 'ar'].includes(values.locale))
    ) {
      throw new UsageError(`usage: ${USAGE}`);
    }
    const password = await readPassword(createAdminPassword());
    const admin = await withApp((app) =>
      app.get(WorkspaceSetupService).createAdmin({
        email,
        displayName: values.name!.trim(),
        password,
        locale: values.locale as 'en' | 'ar' | undefined,
      }),
    );
    return { message: `Created the workspace admin ${admin.email}.`, email: admin.email, userId: admin.id };
  },
};

function parseCommandArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; usage: ${USAGE}`);
  }
}

if (require.main === module) void runCommand(createAdminCommand, process.argv.slice(2));
