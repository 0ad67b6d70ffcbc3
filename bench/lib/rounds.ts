/**
 * Rounds: on two shared cores one product/baseline pair says little (the same ratio moved 0.54–0.93 between runs),
 * so a benchmark measures both sides ROUNDS times in one run, alternating which goes first, and reports each figure
 * as the median of its rounds with their spread. A figure whose rounds disagree by more than UNSTEADY_SPREAD is
 * "unsteady": never met, and missed only when every round missed.
 *
 *   const rounds = await alternate({ baseline: (k) => measureBare(k), product: (k) => measureProduct(k) }, { log: ctx.log });
 *   rows.push(ratioRow('req/s', rounds, (r) => [r.product.perSec, r.baseline.perSec], { target: '≥ 0.8', test: (x) => x >= 0.8 }));
 *
 * Pure (no processes, no I/O) apart from the callbacks it is handed: unit-tested in rounds.spec.ts.
 */
import type { Row } from './types';

/** Rounds per run, at either scale (--quick keeps its small scale, and its three rounds). */
export const ROUNDS = 3;

/** Rounds that disagree by more than this, (max − min) / median, make a figure unsteady. */
export const UNSTEADY_SPREAD = 0.15;

export type Side = 'product' | 'baseline';

/** A figure over rounds: each round's value, the median, and how far the rounds lie apart. */
export interface Figure {
  /** Each round's value, in round order (null where a round gave none: a zero baseline, a missing phase). */
  rounds: (number | null)[];
  median: number | null;
  min: number | null;
  max: number | null;
  /** (max − min) / |median| (or / |relativeTo| when given); null with fewer than two values or a zero median. */
  spread: number | null;
  /** False when spread > UNSTEADY_SPREAD, or when fewer than ROUNDS rounds gave a value. */
  steady: boolean;
}

/** One round: both sides' results and which went first. */
export interface Round<P, B> {
  index: number;
  order: [Side, Side];
  product: P;
  baseline: B;
}

/** The median of the numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A figure from each round's value. `relativeTo` replaces the median as the spread's denominator for figures that
 * sit near zero (a difference such as a p99 penalty), where a few hundredths of a millisecond would otherwise read
 * as a huge relative spread: the spread is then taken relative to the quantity the difference is part of.
 */
export function figure(
  values: readonly (number | null | undefined)[],
  { relativeTo, minRounds = ROUNDS }: { relativeTo?: number | null; minRounds?: number } = {},
): Figure {
  const rounds = values.map((v) => (finite(v) ? v : null));
  const present = rounds.filter(finite);
  const mid = median(present);
  const min = present.length ? Math.min(...present) : null;
  const max = present.length ? Math.max(...present) : null;
  const scale = relativeTo ?? mid;
  const spread =
    present.length >= 2 && min !== null && max !== null && finite(scale) && scale !== 0
      ? (max - min) / Math.abs(scale)
      : present.length === 1
        ? 0
        : null;
  // The epsilon: 1.05 − 0.9 is 0.15000000000000002 in floating point, and exactly 15% is still steady.
  const steady = present.length >= minRounds && spread !== null && spread <= UNSTEADY_SPREAD + 1e-9;
  return { rounds, median: mid, min, max, spread, steady };
}

/** A figure of each round's ratio product / baseline (a round with a zero or missing baseline gives null). */
export function ratioFigure(
  pairs: readonly [number | null | undefined, number | null | undefined][],
  { minRounds = ROUNDS }: { minRounds?: number } = {},
): Figure {
  return figure(
    pairs.map(([p, b]) => (finite(p) && finite(b) && b !== 0 ? p / b : null)),
    { minRounds },
  );
}

/**
 * The verdict of a judged figure: whether its median passes the test when its rounds agree; when they disagree,
 * "unsteady" — unless no round passed at all, which is a miss however far apart the rounds lie (the machine's noise
 * can make a figure unsteady, not make it pass). An unsteady figure is never met. Null when there is no median.
 */
export function judge(f: Figure, test: (median: number) => boolean): boolean | 'unsteady' | null {
  if (f.median === null) return null;
  if (f.steady) return test(f.median);
  const values = f.rounds.filter((v): v is number => v !== null);
  return values.length === f.rounds.length && !values.some(test) ? false : 'unsteady';
}

/** Round k's order: the baseline first in rounds 0, 2, 4…, the product first in 1, 3…: drift hits both alike. */
export function roundOrder(k: number): [Side, Side] {
  return k % 2 === 0 ? ['baseline', 'product'] : ['product', 'baseline'];
}

/**
 * Runs `rounds` rounds (ROUNDS by default), each measuring both sides once in roundOrder(k). The callbacks measure
 * one side once (the servers stay up between calls unless the callback starts and stops its own).
 */
export async function alternate<P, B>(
  sides: { product: (k: number) => Promise<P>; baseline: (k: number) => Promise<B> },
  { rounds = ROUNDS, log }: { rounds?: number; log?: (message: string) => void } = {},
): Promise<Round<P, B>[]> {
  const out: Round<P, B>[] = [];
  for (let k = 0; k < rounds; k += 1) {
    const order = roundOrder(k);
    log?.(`round ${k + 1} of ${rounds}: ${order.join(', then ')}`);
    let product: P | undefined;
    let baseline: B | undefined;
    for (const side of order) {
      if (side === 'product') product = await sides.product(k);
      else baseline = await sides.baseline(k);
    }
    out.push({ index: k, order, product: product as P, baseline: baseline as B });
  }
  return out;
}

/** A number as the table shows it: whole from 100 up, two decimals below (or `digits`). */
function show(v: number | null, digits?: number): number | null {
  if (v === null) return null;
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : 2);
  return Math.round(v * 10 ** d) / 10 ** d;
}

/**
 * A table row comparing product and baseline over rounds: product and baseline are the medians of each side's
 * per-round values, the ratio is the median of the per-round ratios (with their figure, so the report shows the
 * spread), and the verdict is `test(median ratio)` unless the rounds disagree.
 */
export function ratioRow<R>(
  metric: string,
  rounds: readonly R[],
  values: (round: R) => [number | null | undefined, number | null | undefined],
  {
    target,
    test,
    minRounds = ROUNDS,
    format = (v) => show(v),
  }: {
    target?: string;
    test?: (ratio: number) => boolean;
    /** Rounds a steady figure needs (ROUNDS): fewer values than that is unsteady. */
    minRounds?: number;
    format?: (v: number | null) => Row['product'];
  } = {},
): Row {
  const pairs = rounds.map(values);
  const f = ratioFigure(pairs, { minRounds });
  return {
    metric,
    product: format(figure(pairs.map(([p]) => p)).median),
    baseline: format(figure(pairs.map(([, b]) => b)).median),
    ratio: show(f.median, 2),
    figure: f,
    target: target ?? '',
    met: test ? judge(f, test) : null,
  };
}

/**
 * A table row for a product figure with an absolute target (a p99 in ms, bytes per connection) over rounds: the
 * median of the per-round values, judged unless they disagree. `baseline` values, when given, are shown (median) but
 * not judged.
 */
export function valueRow<R>(
  metric: string,
  rounds: readonly R[],
  value: (round: R) => number | null | undefined,
  {
    target,
    test,
    baseline,
    relativeTo,
    minRounds = ROUNDS,
    format = (v) => show(v),
  }: {
    target?: string;
    test?: (median: number) => boolean;
    baseline?: (round: R) => number | null | undefined;
    /** The spread's denominator instead of the median (see figure()): for a difference near zero. */
    relativeTo?: number | null;
    minRounds?: number;
    format?: (v: number | null) => Row['product'];
  } = {},
): Row {
  const values = rounds.map(value);
  const f = figure(values, { relativeTo, minRounds });
  return {
    metric,
    product: format(f.median),
    baseline: baseline ? format(figure(rounds.map(baseline)).median) : undefined,
    figure: f,
    target: target ?? '',
    met: test ? judge(f, test) : null,
  };
}

/** "0.78–0.91 (16%)": the rounds' range and relative spread, as the tables show it. */
export function spreadText(f: Figure | undefined, digits = 2): string {
  if (!f || f.min === null || f.max === null) return '–';
  const n = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits));
  const range = f.min === f.max ? n(f.min) : `${n(f.min)}–${n(f.max)}`;
  const present = f.rounds.filter((v) => v !== null).length;
  const rel = f.spread === null ? '' : ` (${Math.round(f.spread * 100)}%)`;
  const few = present < f.rounds.length ? `, ${present} of ${f.rounds.length} rounds` : '';
  return `${range}${rel}${few}`;
}

/** Labels for a round's phases in validity reasons and tables: "round 2 product". */
export const roundLabel = (k: number, who: string): string => `round ${k + 1} ${who}`;
