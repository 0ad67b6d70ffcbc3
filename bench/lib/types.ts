/** The shapes every benchmark shares: the runner's options and context, and the record a benchmark returns. */
import type { MachineInfo } from './proc';
import type { ProfileSummary } from './profile';
import type { UserPool } from './workspace';

export interface Options {
  quick: boolean;
  profile: boolean;
  sio: boolean;
  waitQuietS: number;
  /** Set when BENCH_OVERRIDE_MAIN runs the product through a wrapper: such runs are kept apart. */
  experiment?: string;
  help?: boolean;
}

export interface Context {
  opts: Options;
  runId: string;
  pool: UserPool;
  machine: MachineInfo;
  profileDir: string | null;
  log: (message: string) => void;
}

/** A table cell: numbers are formatted by the report, strings shown as they are. */
export type Cell = string | number | boolean | null | undefined;

/** One compared metric or target of a record's main table. */
export interface Row {
  metric: string;
  product?: Cell;
  baseline?: Cell;
  ratio?: number | string | null;
  target?: string;
  met?: boolean | null;
}

export interface BenchRecord {
  startedAt: string;
  scale?: string;
  valid: boolean;
  invalidReasons: string[];
  rows: Row[];
  tables?: Record<string, Cell[][]>;
  notes?: string[];
  details?: unknown;
  // Added by the runner:
  benchmark?: string;
  machine?: MachineInfo;
  options?: Options;
  userSetupMs?: number;
  durationS?: number;
  otherCoresAtStart?: number;
  profiles?: (ProfileSummary & { file: string })[];
}

export interface Benchmark {
  name: string;
  description: string;
  usersNeeded: (opts: Options) => number;
  run: (ctx: Context) => Promise<BenchRecord>;
}

/** The user records of the run's pool (registered through the product's API). */
export interface BenchUser {
  id: string;
  token: string;
  index: number;
}
