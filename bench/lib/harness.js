'use strict';
/** What every benchmark does the same way: load generators, measured phases, CPU accounting, validity. */
const { join } = require('node:path');
const { forkWithIpc, BENCH } = require('./processes');
const { cpuMeter } = require('./proc');
const { backendPids } = require('./db');
const { Histogram } = require('./histogram');

/** A generator saturates when its CPU time exceeds this share of the wall time: its numbers are then its own. */
const GENERATOR_SATURATION = 0.9;

function startGenerator(label = 'generator') {
  // A bigger young generation: the generator allocates a small buffer per received frame.
  return forkWithIpc(join(BENCH, 'generator.js'), { label, execArgv: ['--max-semi-space-size=64'] });
}

/**
 * Runs one phase on a generator and measures CPU meanwhile: the servers' pids, the database's backends (by name),
 * the generator, this process, and the machine (to see other people's load).
 */
async function measuredPhase(generator, params, { serverPids = [], dbName, extraPids = {} } = {}) {
  const meter = await cpuMeter({
    server: serverPids,
    db: dbName ? () => backendPids(dbName) : [],
    generator: [generator.pid],
    bench: [process.pid],
    ...extraPids,
  });
  const { result } = await generator.rpc('phase', params);
  const cpu = await meter.stop();
  return decorate(result, cpu);
}

/** Derived figures every phase reports the same way. */
function decorate(result, cpu) {
  const latency = Histogram.from(result.latency).summary();
  const ack = Histogram.from(result.ack).summary();
  const windowS = result.windowMs / 1000;
  const genLoad = result.generator.cpuMs / result.generator.wallMs;
  return {
    ...result,
    cpu,
    latencySummary: latency,
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
function noiseReasons(phases) {
  const noisy = phases.filter(([, load]) => load > NOISE_LIMIT);
  if (noisy.length === 0) return [];
  return [
    `other processes used more than ${NOISE_LIMIT} cores during ${noisy.map(([name, load]) => `${name} (${load.toFixed(2)})`).join(', ')}: not representative of this machine`,
  ];
}

const round = (v, d = 2) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);
const pct = (v) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);
const ms = (v) =>
  v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
const ratio = (a, b) =>
  a === null || b === null || b === 0 || a === undefined || b === undefined ? null : round(a / b, 2);

module.exports = { startGenerator, measuredPhase, decorate, GENERATOR_SATURATION, noiseReasons, round, pct, ms, ratio };
