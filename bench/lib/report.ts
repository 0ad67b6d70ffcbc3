/** Progress lines while a benchmark runs, its table at the end, and its record in bench/results/. */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH } from './processes';
import { spreadText, UNSTEADY_SPREAD } from './rounds';
import type { BenchRecord, Cell, Row } from './types';

export const RESULTS = join(BENCH, 'results');
const started = Date.now();
const tty = process.stderr.isTTY;

const clock = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`;

export function log(scope: string, message: string): void {
  process.stderr.write(`${tty ? '\r\x1b[K' : ''}[${clock()}] ${scope ? `${scope}: ` : ''}${message}\n`);
}

/** A counter that redraws one line on a terminal, or prints every ~10% otherwise. */
export function progress(label: string, total: number): (done: number, final?: boolean) => void {
  let lastShown = -1;
  return (done, final = false) => {
    const step = Math.floor((done / Math.max(1, total)) * 10);
    if (tty) {
      process.stderr.write(`\r\x1b[K[${clock()}] ${label}: ${done}/${total}${final ? '\n' : ''}`);
    } else if (final || step !== lastShown) {
      lastShown = step;
      process.stderr.write(`[${clock()}] ${label}: ${done}/${total}\n`);
    }
  };
}

export const fmt = (value: Cell, digits = 1): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value
    .toFixed(digits)
    .replace(/\.0+$/, '')
    .replace(/(\.\d*?)0+$/, '$1');
};

/** Rows of [cells]; the first row is the header. */
export function markdownTable(rows: Cell[][]): string {
  const [head, ...body] = rows.map((r) => r.map((c) => (typeof c === 'string' ? c : fmt(c))));
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function consoleTable(rows: Cell[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' ? c : fmt(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const verdict = (met: Row['met']): string =>
  met === null || met === undefined ? '–' : met === 'unsteady' ? 'unsteady' : met ? 'met' : 'MISSED';

/**
 * The standard table of a record: one row per compared metric or target. Records measured in rounds add a column
 * with the rounds' range and relative spread of the judged figure (the ratio, or the product's value where the
 * target is absolute) and whether they agree; older records keep their six columns.
 */
export function recordRows(record: BenchRecord): Cell[][] {
  const withRounds = record.rows.some((r) => r.figure);
  const rows: Cell[][] = [
    withRounds
      ? ['metric', 'product', 'baseline', 'ratio', 'rounds: min–max (spread)', 'target', 'met']
      : ['metric', 'product', 'baseline', 'ratio', 'target', 'met'],
  ];
  for (const r of record.rows) {
    const ratio = typeof r.ratio === 'number' ? r.ratio.toFixed(2) : (r.ratio ?? '–');
    const head: Cell[] = [r.metric, r.product ?? '–', r.baseline ?? '–', ratio];
    const spread = r.figure ? `${spreadText(r.figure)}${r.figure.steady ? '' : ' unsteady'}` : '–';
    rows.push([...head, ...(withRounds ? [spread] : []), r.target ?? '', verdict(r.met)]);
  }
  return rows;
}

export function recordMarkdown(record: BenchRecord): string {
  const lines = [
    `### ${record.benchmark} — ${record.startedAt.slice(0, 19).replace('T', ' ')} UTC${record.valid ? '' : ' — INVALID RUN'}`,
    '',
  ];
  if (record.scale) lines.push(`Scale: ${record.scale}`, '');
  if (record.rounds)
    lines.push(
      `Each figure is the median of ${record.rounds} rounds (product and baseline alternating, the side that goes first alternating too); the rounds column gives their min–max and (max − min) / median. A judged figure whose rounds disagree by more than ${UNSTEADY_SPREAD * 100}% is **unsteady**: neither met nor missed.`,
      '',
    );
  lines.push(markdownTable(recordRows(record)));
  if (record.tables) {
    for (const [title, rows] of Object.entries(record.tables)) lines.push('', `${title}:`, '', markdownTable(rows));
  }
  if (record.notes?.length) lines.push('', ...record.notes.map((n) => `- ${n}`));
  for (const p of record.profiles ?? []) {
    const top = p.topPackages
      .slice(0, 6)
      .map((x) => `${x.name} ${x.share}%`)
      .join(', ');
    const fns = p.topFunctions
      .slice(0, 5)
      .map((x) => `\`${x.name.split(' ')[0]}\` ${x.share}%`)
      .join(', ');
    lines.push('', `CPU profile \`${p.file}\` (${p.busyMs} ms busy): ${top}; top functions: ${fns}`);
  }
  if (!record.valid) lines.push('', ...record.invalidReasons.map((n) => `- **invalid:** ${n}`));
  return lines.join('\n');
}

/** Writes bench/results/<time>-<name>.json, appends to history.jsonl and rebuilds latest.md. */
export function saveRecord(record: BenchRecord): string {
  // Quick (small-scale) runs try the bench itself: kept apart, never in latest.md.
  // Runs through an experimental wrapper (BENCH_OVERRIDE_MAIN) measure a changed product: kept apart too.
  const aside = record.options?.quick || record.options?.experiment;
  const dir = record.options?.experiment
    ? join(RESULTS, 'experiments')
    : record.options?.quick
      ? join(RESULTS, 'quick')
      : RESULTS;
  mkdirSync(dir, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-').slice(0, 19);
  const file = join(dir, `${stamp}-${record.benchmark}.json`);
  // One line: the histograms make an indented record several times larger; latest.md is the readable form.
  writeFileSync(file, `${JSON.stringify(record)}\n`);
  const { details: _details, profiles: _profiles, ...compact } = record;
  appendFileSync(join(dir, 'history.jsonl'), `${JSON.stringify({ ...compact, file: file.slice(dir.length + 1) })}\n`);
  if (!aside) writeLatest();
  return file;
}

const ORDER = ['fanout', 'latency', 'connections', 'nodes', 'writes', 'rest', 'email'];

/**
 * latest.md: for every benchmark its newest valid record (a run not disturbed by other processes and not limited by
 * its generator), or its newest record when none is valid, in the usual order.
 */
export function writeLatest(): void {
  const newest = new Map<string, BenchRecord>();
  for (const name of readdirSync(RESULTS)
    .filter((f) => /^\d{4}-.*\.json$/.test(f))
    .sort()) {
    try {
      const record = JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as BenchRecord;
      if (!record.benchmark) continue;
      // A profiled run (--profile) carries the profiler's overhead: it only stands in when nothing else does.
      const rank = (r: BenchRecord) => (r.valid && !r.options?.profile ? 2 : r.options?.profile ? 0 : 1);
      const kept = newest.get(record.benchmark);
      if (!kept || rank(record) >= rank(kept)) newest.set(record.benchmark, record);
    } catch {
      // a partial file from an interrupted run
    }
  }
  const names = [...newest.keys()].sort((a, b) => ((ORDER.indexOf(a) + 99) % 99) - ((ORDER.indexOf(b) + 99) % 99));
  const machine = [...newest.values()].at(-1)?.machine;
  const out = ['# Latest benchmark results', ''];
  if (machine) {
    out.push(
      `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memory} RAM, Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}.`,
      '',
    );
  }
  out.push(
    'Generated by `npm run bench`; each section is the newest valid run of that benchmark (or its newest run, marked',
    'INVALID, when none was valid). Every run is in `history.jsonl` and its own JSON file. Runs since 2026-12-02',
    'report each figure as the median of alternating product/baseline rounds with its spread (unsteady when the',
    `rounds disagree by more than ${UNSTEADY_SPREAD * 100}%); older runs measured each side once.`,
    '',
  );
  for (const record of names.map((name) => newest.get(name))) if (record) out.push(recordMarkdown(record), '');
  writeFileSync(join(RESULTS, 'latest.md'), out.join('\n'));
}
