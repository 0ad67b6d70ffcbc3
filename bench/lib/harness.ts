/** What every benchmark does the same way: load generators, measured phases, CPU accounting, validity. */
import { join } from 'node:path';
import { BenchProcess, forkWithIpc, SCRIPTS } from './processes';
import { CpuResult, cpuMeter, PidSource } from './proc';
import { backendPids } from './db';
import { Histogram, LatencySummary } from './histogram';
import type { PhaseParams, PhaseResult } from './generator-protocol';

/** A phase's result with the figures every benchmark derives from it. */
export type MeasuredPhase = PhaseResult & {
  cpu: CpuResult;
  latencySummary: LatencySummary;
  commitLagSummary: LatencySummary;
  ackSummary: LatencySummary;
  sentPerSec: number;
  ackedPerSec: number;
  deliveriesPerSec: number;
  serverCpuUsPerDelivery: number | null;
  dbCpuUsPerDelivery: number | null;
  serverCpuShare: number;
  generatorLoad: number;
  generatorSaturated: boolean;
  otherLoad: number;
};

/** A generator saturates when its CPU time exceeds this share of the wall time: its numbers are then its own. */
export const GENERATOR_SATURATION = 0.9;

export function startGenerator(label = 'generator'): BenchProcess {
  // A bigger young generation: the generator allocates a small buffer per received frame.
  return forkWithIpc(join(SCRIPTS, 'generator.js'), { label, execArgv: ['--max-semi-space-size=64'] });
}

/**
 * Runs one phase on a generator and measures CPU meanwhile: the servers' pids, the database's backends (by name),
 * the generator, this process, and the machine (to see other people's load).
 */
export async function measuredPhase(
  generator: BenchProcess,
  params: PhaseParams,
  {
    serverPids = [],
    dbName,
    extraPids = {},
  }: { serverPids?: number[]; dbName?: string | null; extraPids?: Record<string, PidSource> } = {},
): Promise<MeasuredPhase> {
  const meter = await cpuMeter({
    server: serverPids,
    db: dbName ? () => backendPids(dbName) : [],
    generator: [generator.pid],
    bench: [process.pid],
    ...extraPids,
  });
  const { result } = await generator.rpc<{ result: PhaseResult }>('phase', params);
  const cpu = await meter.stop();
  return decorate(result, cpu);
}

/** Derived figures every phase reports the same way. */
export function decorate(result: PhaseResult, cpu: CpuResult): MeasuredPhase {
  const latency = Histogram.from(result.latency).summary();
  const ack = Histogram.from(result.ack).summary();
  const windowS = result.windowMs / 1000;
  const genLoad = result.generator.cpuMs / result.generator.wallMs;
  return {
    ...result,
    cpu,
    latencySummary: latency,
    commitLagSummary: Histogram.from(result.commitLag).summary(),
    ackSummary: ack,
    sentPerSec: result.sent / windowS,
    ackedPerSec: result.acked / windowS,
    deliveriesPerSec: result.deliveriesInWindow / windowS,
    serverCpuUsPerDelivery: result.deliveries ? (cpu.server * 1000) / result.deliveries : null,
    dbCpuUsPerDelivery: result.deliveries ? (cpu.db * 1000) / result.deliveries : null,
    serverCpuShare: cpu.server / cpu.wallMs,
    generatorLoad: genLoad,
    generatorSaturated: genLoad > GENERATOR_SATURATION,
    otherLoad: cpu.otherMs / cpu.wallMs,
  };
}

/** Other processes' CPU (cores) above which a measured phase is not representative of this machine. */
const NOISE_LIMIT = 0.5;

/** An invalid-reason for phases during which other processes (other people's test runs) took a real share of CPU. */
export function noiseReasons(phases: [string, number][]): string[] {
  const noisy = phases.filter(([, load]) => load > NOISE_LIMIT);
  if (noisy.length === 0) return [];
  return [
    `other processes used more than ${NOISE_LIMIT} cores during ${noisy.map(([name, load]) => `${name} (${load.toFixed(2)})`).join(', ')}: not representative of this machine`,
  ];
}

type Maybe = number | null | undefined;

export const round = (v: Maybe, d = 2): number | null =>
  v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d;
export const pct = (v: Maybe): string => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);
export const ms = (v: Maybe): string =>
  v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
export const ratio = (a: Maybe, b: Maybe): number | null =>
  a === null || b === null || b === 0 || a === undefined || b === undefined ? null : round(a / b, 2);
