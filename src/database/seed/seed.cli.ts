import 'reflect-metadata';
import { CliCommand, runCommand, UsageError, withApp } from '../../cli/cli-command';
import { seedDemo } from './seed';

/**
 * `node dist/cli.js seed`: adds the demo workspace to the configured database, or completes one an interrupted run
 * left half done; on a complete one it does nothing. Safe on several nodes at once (see seedDemo).
 */
export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'add the demo workspace (or complete an interrupted one); does nothing when it is there',
  usage: 'seed',
  async run(args) {
    if (args.length > 0) throw new UsageError(`seed takes no arguments, got "${args.join(' ')}"`);
    const result = await withApp((app) => seedDemo(app));
    return {
      message: result.seeded ? 'Seeded the demo workspace.' : 'The demo workspace is already there.',
      ...result,
    };
  },
};

if (require.main === module) void runCommand(seedCommand, process.argv.slice(2));
