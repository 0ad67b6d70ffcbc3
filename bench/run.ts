/**
 * npm run bench                     every benchmark, in order (a few minutes); builds bench/ into dist-bench/ first
 * npm run bench -- fanout latency   only those
 * Options: --quick (small scale, for trying the bench itself), --profile (run the product with --cpu-prof and
 * summarise where its CPU went), --sio (socket.io-client instead of the lean protocol client, to cross-check).
 */
import { resolve } from 'node:path';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { machineInfo, machineCpu } from './lib/proc';
import { UserPool } from './lib/workspace';
import { BENCH, killAll, ROOT, snapshotDist, removeSnapshot } from './lib/processes';
import { dropAllCreated } from './lib/db';
import { log, saveRecord, consoleTable, recordRows, RESULTS } from './lib/report';
import { formatSummary, summariseProfile } from './lib/profile';
import type { BenchRecord, Benchmark, Options } from './lib/types';
import { benchmark as fanout } from './fanout';
import { benchmark as latency } from './latency';
import { benchmark as connections } from './connections';
import { benchmark as nodes } from './nodes';
import { benchmark as writes } from './writes';
import { benchmark as rest } from './rest';
import { benchmark as email } from './email';
import { benchmark as search, embeddedBenchmark as searchEmbedded } from './search';
import { benchmark as attachments, s3Benchmark as attachmentsS3 } from './attachments';
import { benchmark as datascale } from './datascale';
import { benchmark as capacity, embeddedBenchmark as capacityEmbedded } from './capacity';

const ALL: Benchmark[] = [
  fanout,
  latency,
  connections,
  nodes,
  writes,
  rest,
  email,
  search,
  searchEmbedded,
  attachments,
  attachmentsS3,
  datascale,
  capacity,
  capacityEmbedded,
];
const BENCHMARKS = ALL.map((b) => b.name);

function parseArgs(argv: string[]): { names: string[]; opts: Options } {
  const names: string[] = [];
  const opts: Options = { quick: false, profile: false, sio: false, waitQuietS: 10 };
  // BENCH_OVERRIDE_MAIN=wrapper.js runs the product through a wrapper that requires process.env.REAL_MAIN: a way to
  // measure a proposed fix without touching src/. Such runs are kept in results/experiments/, never in latest.md.
  if (process.env.BENCH_OVERRIDE_MAIN)
    opts.experiment = `${process.env.BENCH_OVERRIDE_MAIN} ${Object.keys(process.env)
      .filter((k) => k.startsWith('PATCH_'))
      .join(' ')}`.trim();
  for (const arg of argv) {
    if (arg === '--quick') opts.quick = true;
    else if (arg.startsWith('--wait-quiet=')) opts.waitQuietS = Number(arg.split('=')[1]);
    else if (arg === '--profile') opts.profile = true;
    else if (arg === '--sio') opts.sio = true;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else if (BENCHMARKS.includes(arg)) names.push(arg);
    else throw new Error(`unknown benchmark or option "${arg}" (benchmarks: ${BENCHMARKS.join(', ')})`);
  }
  return { names: names.length ? names : BENCHMARKS, opts };
}

/**
 * The machine is shared (other developers' test runs): before each benchmark, wait up to `maxS` seconds for the
 * rest of the machine to use less than 0.3 of a core, and say what it was using.
 */
async function waitQuiet(maxS: number): Promise<number> {
  const deadline = Date.now() + maxS * 1000;
  for (let round = 0; ; round += 1) {
    const a = machineCpu();
    await new Promise((r) => setTimeout(r, 2000));
    const b = machineCpu();
    const cores = (b.busy - a.busy) / 2000;
    if (cores < 0.3 || Date.now() >= deadline) return cores;
    if (round % 5 === 0)
      log(
        '',
        `the machine is busy (${cores.toFixed(2)} cores used by other processes): waiting up to ${maxS} s for it to quieten`,
      );
  }
}

/** Warns when src/ changed after the last build: the bench measures dist/, not src/. */
function checkBuild(): void {
  const root = ROOT;
  let built: number;
  try {
    built = statSync(resolve(root, 'dist/main.js')).mtimeMs;
  } catch {
    log('', 'dist/main.js is missing: waiting for a build to finish (or run `npm run build`)');
    return;
  }
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && statSync(path).mtimeMs > built)
        newer.push(path);
    }
  };
  walk(resolve(root, 'src'));
  if (newer.length)
    log('', `note: ${newer.length} file(s) in src/ are newer than dist/ (npm run build to measure them)`);
}

async function main() {
  const { names, opts } = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(
      `usage: npm run bench [-- ${BENCHMARKS.join('|')} ...] [--quick] [--profile] [--sio] [--wait-quiet=SECONDS]`,
    );
    return;
  }
  checkBuild();
  const runId = new Date().toISOString().replace(/\D/g, '').slice(2, 14);
  currentRunId = runId;
  const machine = machineInfo();
  log(
    '',
    `run ${runId}: ${names.join(', ')} on ${machine.cpus} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}${opts.quick ? ' (quick scale)' : ''}`,
  );
  const modules = names.flatMap((name) => ALL.filter((b) => b.name === name));
  const pool = new UserPool(runId);
  const usersNeeded = Math.max(0, ...modules.map((m) => m.usersNeeded(opts)));
  const profileDir = opts.profile ? resolve(RESULTS, 'profiles', runId) : null;
  const summary: { name: string; failed?: string; record?: BenchRecord }[] = [];
  const started = Date.now();
  try {
    await snapshotDist(runId);
    if (usersNeeded > 0) {
      await pool.ensure(usersNeeded);
      log(
        '',
        `user pool: ${pool.users.length} users + admin in ${(pool.setupMs / 1000).toFixed(1)} s (registration through the API)`,
      );
    }
    for (const mod of modules) {
      const benchStarted = Date.now();
      const busyBefore = await waitQuiet(opts.waitQuietS);
      log(mod.name, `start: ${mod.description} (other processes: ${busyBefore.toFixed(2)} cores)`);
      const ctx = { opts, runId, pool, machine, profileDir, log: (m: string) => log(mod.name, m) };
      let record: BenchRecord;
      try {
        record = await mod.run(ctx);
      } catch (error) {
        const failure = error as Error;
        log(mod.name, `FAILED: ${failure.stack || failure.message}`);
        summary.push({ name: mod.name, failed: failure.message });
        continue;
      }
      record.benchmark = mod.name;
      record.machine = machine;
      record.options = opts;
      record.userSetupMs = pool.setupMs;
      record.durationS = Math.round((Date.now() - benchStarted) / 1000);
      record.otherCoresAtStart = Math.round(busyBefore * 100) / 100;
      if (profileDir) record.profiles = summariseProfiles(profileDir, benchStarted, mod.name);
      const file = saveRecord(record);
      console.log(
        `\n${mod.name}${record.valid ? '' : ' (INVALID: ' + record.invalidReasons.join('; ') + ')'}\n${consoleTable(recordRows(record))}\n`,
      );
      log(mod.name, `done in ${record.durationS} s → ${file}`);
      summary.push({ name: mod.name, record });
    }
  } finally {
    await pool.drop().catch((e: Error) => log('', `could not drop ${pool.template}: ${e.message}`));
    removeSnapshot(runId);
  }
  log('', `all done in ${Math.round((Date.now() - started) / 1000)} s; tables in bench/results/latest.md`);
  if (summary.some((s) => s.failed)) process.exitCode = 1;
}

/** The CPU profiles the benchmark's servers wrote, summarised (the raw files stay in results/profiles/). */
function summariseProfiles(dir: string, since: number, name: string): BenchRecord['profiles'] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && statSync(resolve(dir, f)).mtimeMs >= since)
    .map((f) => resolve(dir, f));
  return files.map((file) => {
    const summary = summariseProfile(file);
    log(name, `profile\n${formatSummary(summary, file.slice(dir.length + 1))}`);
    return { ...summary, file: file.slice(BENCH.length + 1) };
  });
}

let cleaning = false;
let currentRunId: string | null = null;
async function cleanup(code: number): Promise<void> {
  if (cleaning) return;
  cleaning = true;
  killAll();
  if (currentRunId) removeSnapshot(currentRunId);
  await dropAllCreated();
  process.exit(code);
}
process.on('SIGINT', () => void cleanup(130));
process.on('SIGTERM', () => void cleanup(143));

main()
  .catch((error: Error) => {
    log('', `failed: ${error.stack || error.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    killAll();
    await dropAllCreated();
  });
