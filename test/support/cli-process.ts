import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** The operator's CLI as it runs in production: the build, nothing recompiled. */
export const CLI = resolve(ROOT, 'dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every stdout line parsed as JSON; one that is not JSON is `{ notJson: line }`, which no expectation matches. */
  lines: Record<string, unknown>[];
}

/** `node dist/cli.js …args` started with `env` over the test's own environment; `input` is written to its stdin. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  input = '',
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const done = new Promise<CliRun>((finish) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      const lines = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map(parseLine);
      finish({ code, stdout, stderr, lines });
    }),
  );
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string>, input = ''): Promise<CliRun> {
  return startCli(args, env, input).done;
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { notJson: line };
  }
}
