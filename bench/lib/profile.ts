/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): where the self time went, by function and by package
 * (node_modules/<pkg>, the product's dist/<folder>, node internals, GC), ignoring idle time.
 */
import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Ranked {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  busyMs: number;
  idleMs: number;
  topFunctions: Ranked[];
  topPackages: Ranked[];
}

function packageOf(url: string): string | null {
  if (!url) return null;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `product:${url
      .slice(dist + 6)
      .split('/')[0]
      .replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/bench/') || url.includes('/dist-bench/')) return 'bench bootstrap';
  return url;
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>(); // node id -> µs
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i += 1) {
    const delta = timeDeltas[i + 1] ?? 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + delta);
  }
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { callFrame } = node;
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const where = callFrame.url
      ? `${callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${callFrame.lineNumber + 1}`
      : '';
    const key = `${name} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = ['(garbage collector)', '(program)'].includes(name)
      ? name
      : (packageOf(callFrame.url) ?? 'native/builtins');
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const rank = (map: Map<string, number>): Ranked[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }));
  return {
    file,
    busyMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    topFunctions: rank(functions),
    topPackages: rank(packages),
  };
}

export function formatSummary(summary: ProfileSummary, label: string): string {
  const lines = [`${label}: ${summary.busyMs} ms busy (${summary.idleMs} ms idle)`, '  by package:'];
  for (const p of summary.topPackages) lines.push(`    ${String(p.share).padStart(5)}%  ${p.name}`);
  lines.push('  by function (self time):');
  for (const f of summary.topFunctions) lines.push(`    ${String(f.share).padStart(5)}%  ${f.name}`);
  return lines.join('\n');
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) console.log(formatSummary(summariseProfile(file, 25), file));
}
