/**
 * Reads one Prometheus histogram from the product's /metrics, and its quantiles the way Prometheus's
 * `histogram_quantile` computes them (linear within the bucket), so a benchmark can hold the server's own figure
 * against what its clients measured.
 */
import { METRICS_TOKEN } from './processes';

/** Cumulative counts by upper bound (seconds), `+Inf` last. */
export interface HistogramScrape {
  buckets: [le: number, count: number][];
  count: number;
}

export async function scrapeHistogram(baseUrl: string, name: string): Promise<HistogramScrape> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const text = await res.text();
  const buckets: [number, number][] = [];
  const prefix = `${name}_bucket{`;
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    buckets.push([le === '+Inf' ? Infinity : Number(le), Number(line.slice(line.lastIndexOf(' ') + 1))]);
  }
  if (buckets.length === 0) throw new Error(`${name} is not in /metrics`);
  buckets.sort((a, b) => a[0] - b[0]);
  return { buckets, count: buckets[buckets.length - 1][1] };
}

/** What was observed between two scrapes. */
export function histogramDelta(after: HistogramScrape, before: HistogramScrape): HistogramScrape {
  const earlier = new Map(before.buckets);
  return {
    buckets: after.buckets.map(([le, count]) => [le, count - (earlier.get(le) ?? 0)]),
    count: after.count - before.count,
  };
}

/** Prometheus's histogram_quantile, in the histogram's unit; null without observations. */
export function histogramQuantile(q: number, { buckets, count }: HistogramScrape): number | null {
  if (count === 0) return null;
  const rank = q * count;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of buckets) {
    if (cumulative >= rank) {
      // Past the last finite bound Prometheus answers that bound: there is no upper edge to interpolate to.
      if (le === Infinity) return lowerLe;
      return lowerLe + ((le - lowerLe) * (rank - lowerCount)) / (cumulative - lowerCount || 1);
    }
    lowerLe = le;
    lowerCount = cumulative;
  }
  return lowerLe;
}

/** A histogram's `_sum` and `_count` (both 0 before its first observation). */
export async function scrapeSumCount(baseUrl: string, name: string): Promise<{ sum: number; count: number }> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const text = await res.text();
  const value = (suffix: string) =>
    Number(
      /^(\S+) (\S+)$/.exec(text.split('\n').find((line) => line.startsWith(`${name}_${suffix} `)) ?? '')?.[2] ?? 0,
    );
  return { sum: value('sum'), count: value('count') };
}
