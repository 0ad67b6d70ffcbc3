/** The shapes every benchmark shares: the runner's options and context, and the record a benchmark returns. */
import type { MachineInfo } from './proc';
import type { ProfileSummary } from './profile';
import type { Figure } from './rounds';
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
  /** With rounds: the median of the per-round ratios (figure holds each round's). */
  ratio?: number | string | null;
  /**
   * The judged figure over rounds (the ratio's, or for an absolute target the product value's): each round's
   * value, the median, min–max and relative spread, steady or not. Absent in records from before rounds.
   */
  figure?: Figure;
  target?: string;
  /** "unsteady": the rounds disagree by more than 15%, so the target is neither met nor missed. */
  met?: boolean | null | 'unsteady';
}

export interface BenchRecord {
  startedAt: string;
  scale?: string;
  /** How many alternating product/baseline rounds the figures are the median of (absent: one measurement each). */
  rounds?: number;
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
