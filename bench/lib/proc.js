'use strict';
/**
 * CPU time of processes read from /proc (not from the processes themselves: a saturated event loop answers IPC
 * late, /proc answers at once), and the machine's total busy time, so a run can tell how much CPU went to
 * processes that are not ours (other developers' test runs on the same two cores).
 */
const { readFileSync, readdirSync } = require('node:fs');
const { execSync } = require('node:child_process');
const os = require('node:os');

let TICK_MS = 10;
try {
  TICK_MS = 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
} catch {
  // 100 Hz is the Linux default
}

/** User + system CPU time of one process in ms, or 0 once it has gone. */
function cpuOfPid(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function cpuOfPids(pids) {
  let total = 0;
  for (const pid of pids) total += cpuOfPid(pid);
  return total;
}

/** Busy and total CPU time of the whole machine in ms (all cores added up). */
function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] || 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

/** Pids of processes whose command name is exactly `name` (e.g. redis-server). */
function pidsByName(name) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The machine as the README describes it. */
function machineInfo() {
  const sh = (cmd) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpus: Number(sh('nproc')),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memory: sh("free -h | awk '/^Mem:/ {print $2}'"),
    node: process.version,
    postgres: sh("psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'"),
    redis: sh("redis-cli -p 6379 info server | awk -F: '/^redis_version/ {print $2}'").replace(/\r/g, ''),
    kernel: os.release(),
    ulimitNofile: sh('ulimit -n'),
  };
}

/**
 * A CPU stopwatch over named sets of pids (arrays, or async functions asked again at the end: pg backends come and
 * go; a pid born during the measurement counts whole) and over the machine. `await cpuMeter(...)`, then `stop()`.
 */
async function cpuMeter(pidSources) {
  const read = async () => {
    const lists = {};
    for (const [name, pids] of Object.entries(pidSources))
      lists[name] = typeof pids === 'function' ? await pids() : pids;
    const out = { machine: machineCpu(), at: performance.now(), by: {} };
    for (const [name, list] of Object.entries(lists)) out.by[name] = new Map(list.map((pid) => [pid, cpuOfPid(pid)]));
    return out;
  };
  const start = await read();
  return {
    /** CPU ms per named source since the start, the wall time, and what the rest of the machine used. */
    async stop() {
      const end = await read();
      const result = { wallMs: end.at - start.at };
      let ours = 0;
      for (const name of Object.keys(pidSources)) {
        let used = 0;
        for (const [pid, cpu] of end.by[name]) used += Math.max(0, cpu - (start.by[name].get(pid) ?? 0));
        result[name] = used;
        ours += used;
      }
      result.machineBusyMs = end.machine.busy - start.machine.busy;
      result.otherMs = Math.max(0, result.machineBusyMs - ours);
      return result;
    },
  };
}

module.exports = { cpuOfPid, cpuOfPids, machineCpu, pidsByName, machineInfo, cpuMeter };
