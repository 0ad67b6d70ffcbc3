/**
 * Latency histogram with ~1% relative precision, in milliseconds (HDR-style, log-spaced buckets from 1 µs to
 * hours). Small enough to send between processes and merge; percentiles answer a bucket's upper edge, capped at
 * the exact maximum.
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2400;

/** A histogram as sent between processes and kept in result files. */
export interface HistogramJson {
  n: number;
  sum: number;
  max: number;
  min: number | null;
  buckets: [number, number][];
}

export interface LatencySummary {
  n: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

export class Histogram {
  counts: Float64Array;
  n: number;
  sum: number;
  max: number;
  min: number;

  constructor() {
    this.counts = new Float64Array(BUCKETS);
    this.n = 0;
    this.sum = 0;
    this.max = 0;
    this.min = Infinity;
  }

  /** Records one value in milliseconds; values below 1 µs (clock noise) count as 1 µs. */
  record(ms: number): void {
    const us = ms * 1000;
    const index = us <= 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
    this.counts[index] += 1;
    this.n += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
  }

  merge(other: Histogram): this {
    for (let i = 0; i < BUCKETS; i += 1) this.counts[i] += other.counts[i];
    this.n += other.n;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
    this.min = Math.min(this.min, other.min);
    return this;
  }

  /** The value below which p percent of the recorded values fall (upper edge of that bucket). */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, Math.pow(GROWTH, i + 1) / 1000);
    }
    return this.max;
  }

  summary(): LatencySummary {
    if (this.n === 0) return { n: 0, mean: null, p50: null, p95: null, p99: null, p999: null, max: null };
    const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
    return {
      n: this.n,
      mean: round(this.sum / this.n),
      p50: round(this.percentile(50)),
      p95: round(this.percentile(95)),
      p99: round(this.percentile(99)),
      p999: round(this.percentile(99.9)),
      max: round(this.max),
    };
  }

  /** A compact form for IPC and result files: only the buckets that hold values. */
  toJSON(): HistogramJson {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i += 1) if (this.counts[i] > 0) buckets.push([i, this.counts[i]]);
    return { n: this.n, sum: this.sum, max: this.max, min: this.min === Infinity ? null : this.min, buckets };
  }

  static from(json: HistogramJson | null | undefined): Histogram {
    const h = new Histogram();
    if (!json) return h;
    for (const [i, c] of json.buckets) h.counts[i] = c;
    h.n = json.n;
    h.sum = json.sum;
    h.max = json.max;
    h.min = json.min ?? Infinity;
    return h;
  }
}
