/**
 * CPU time of processes read from /proc (not from the processes themselves: a saturated event loop answers IPC
 * late, /proc answers at once), and the machine's total busy time, so a run can tell how much CPU went to
 * processes that are not ours (other developers' test runs on the same two cores).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import os from 'node:os';

let TICK_MS = 10;
try {
  TICK_MS = 1000 / Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
} catch {
  // 100 Hz is the Linux default
}

/** User + system CPU time of one process in ms, or 0 once it has gone. */
export function cpuOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export function cpuOfPids(pids: number[]): number {
  let total = 0;
  for (const pid of pids) total += cpuOfPid(pid);
  return total;
}

/**
 * CPU time of the whole machine in ms (all cores added up), from /proc/stat's first line (user nice system idle
 * iowait irq softirq steal). `busy` is everything but idle and iowait: it includes irq and softirq, which this kernel
 * (tick-based accounting, no IRQ_TIME_ACCOUNTING) also charges to the process a tick interrupted, so the network
 * stack's work for our processes is in their own CPU time and cancels out; and `steal`, time the hypervisor gave our
 * cores to another virtual machine (someone else's load as surely as another process's). `steal` and `interrupts`
 * are also returned apart, for the record.
 */
export function machineCpu(): { busy: number; interrupts: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  return {
    busy: (user + nice + system + irq + softirq + steal) * TICK_MS,
    interrupts: (irq + softirq) * TICK_MS,
    steal: steal * TICK_MS,
    total: (user + nice + system + idle + iowait + irq + softirq + steal) * TICK_MS,
  };
}

/** Pids of processes whose command name is exactly `name` (e.g. redis-server). */
export function pidsByName(name: string): number[] {
  const pids: number[] = [];
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

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  postgres: string;
  redis: string;
  kernel: string;
  ulimitNofile: string;
}

/** The machine as the README describes it. */
export function machineInfo(): MachineInfo {
  const sh = (cmd: string) => {
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
export type PidSource = number[] | (() => number[] | Promise<number[]>);

/**
 * CPU ms per named source, the wall time, the machine's busy time, what other processes and other virtual machines
 * used of it (`otherMs`, of which `stealMs` was the hypervisor's), and the kernel's interrupt time (`interruptMs`).
 */
export type CpuResult = {
  wallMs: number;
  machineBusyMs: number;
  otherMs: number;
  stealMs: number;
  interruptMs: number;
} & Record<string, number>;

export async function cpuMeter(pidSources: Record<string, PidSource>): Promise<{ stop: () => Promise<CpuResult> }> {
  const read = async () => {
    const lists: Record<string, number[]> = {};
    for (const [name, pids] of Object.entries(pidSources))
      lists[name] = typeof pids === 'function' ? await pids() : pids;
    const by: Record<string, Map<number, number>> = {};
    for (const [name, list] of Object.entries(lists)) by[name] = new Map(list.map((pid) => [pid, cpuOfPid(pid)]));
    return { machine: machineCpu(), at: performance.now(), by };
  };
  const start = await read();
  return {
    /** CPU ms per named source since the start, the wall time, and what the rest of the machine used. */
    async stop() {
      const end = await read();
      const result: Record<string, number> = { wallMs: end.at - start.at };
      let ours = 0;
      for (const name of Object.keys(pidSources)) {
        let used = 0;
        for (const [pid, cpu] of end.by[name]) used += Math.max(0, cpu - (start.by[name].get(pid) ?? 0));
        result[name] = used;
        ours += used;
      }
      result.machineBusyMs = end.machine.busy - start.machine.busy;
      result.otherMs = Math.max(0, result.machineBusyMs - ours);
      result.stealMs = end.machine.steal - start.machine.steal;
      result.interruptMs = end.machine.interrupts - start.machine.interrupts;
      return result as CpuResult;
    },
  };
}
