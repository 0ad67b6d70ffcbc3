import { alternate, figure, judge, median, ratioFigure, ratioRow, roundOrder, spreadText, valueRow } from './rounds';

describe('bench rounds', () => {
  it('takes the median of odd and even counts, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('spreads as (max − min) / median and is steady up to 15%', () => {
    const f = figure([0.9, 1.0, 1.05]);
    expect(f.median).toBe(1.0);
    expect(f.min).toBe(0.9);
    expect(f.max).toBe(1.05);
    expect(f.spread).toBeCloseTo(0.15, 10);
    expect(f.steady).toBe(true);
    // The case: 0.54 in one run and 0.82–0.93 in others would never be steady.
    const g = figure([0.54, 0.82, 0.93]);
    expect(g.spread).toBeCloseTo((0.93 - 0.54) / 0.82, 10);
    expect(g.steady).toBe(false);
  });

  it('is unsteady just above 15%', () => {
    expect(figure([1.0, 1.0, 1.151]).steady).toBe(false);
  });

  it('needs every round: a missing value makes the figure unsteady', () => {
    const f = figure([1, null, 1]);
    expect(f.rounds).toEqual([1, null, 1]);
    expect(f.median).toBe(1);
    expect(f.steady).toBe(false);
    expect(spreadText(f)).toBe('1.00 (0%), 2 of 3 rounds');
  });

  it('takes a difference near zero relative to the quantity it is part of', () => {
    expect(figure([-0.07, 0.1, 0.2]).steady).toBe(false);
    const f = figure([-0.07, 0.1, 0.2], { relativeTo: 6.7 });
    expect(f.spread).toBeCloseTo(0.27 / 6.7, 10);
    expect(f.steady).toBe(true);
  });

  it('takes the median of the per-round ratios, skipping a zero baseline', () => {
    const f = ratioFigure([
      [80, 100],
      [90, 100],
      [5, 0],
    ]);
    expect(f.rounds).toEqual([0.8, 0.9, null]);
    expect(f.median).toBeCloseTo(0.85, 10);
    expect(f.steady).toBe(false);
  });

  it('judges a steady figure by its median; an unsteady one is never met, and missed only when every round missed', () => {
    expect(judge(figure([0.9, 0.91, 0.92]), (x) => x >= 0.85)).toBe(true);
    expect(judge(figure([0.5, 0.51, 0.52]), (x) => x >= 0.85)).toBe(false);
    expect(judge(figure([0.5, 0.9, 0.95]), (x) => x >= 0.85)).toBe('unsteady');
    expect(judge(figure([0.5, 0.9, 0.95]), (x) => x < 0.85)).toBe('unsteady');
    // 38% apart, but no round reached 0.8: missed, not "unsteady".
    expect(judge(figure([0.47, 0.35, 0.53]), (x) => x >= 0.8)).toBe(false);
    // Every round passing is still not met while they disagree.
    expect(judge(figure([0.9, 1.2, 1.0]), (x) => x >= 0.8)).toBe('unsteady');
    // A round that gave no value could have been anything.
    expect(judge(figure([0.5, null, 0.6]), (x) => x >= 0.8)).toBe('unsteady');
    expect(judge(figure([null, null, null]), () => true)).toBeNull();
  });

  it('alternates which side goes first and hands each callback its round', async () => {
    expect([0, 1, 2].map(roundOrder)).toEqual([
      ['baseline', 'product'],
      ['product', 'baseline'],
      ['baseline', 'product'],
    ]);
    const calls: string[] = [];
    const rounds = await alternate({
      product: async (k) => {
        calls.push(`P${k}`);
        return k * 10;
      },
      baseline: async (k) => {
        calls.push(`B${k}`);
        return k;
      },
    });
    expect(calls).toEqual(['B0', 'P0', 'P1', 'B1', 'B2', 'P2']);
    expect(rounds.map((r) => [r.product, r.baseline])).toEqual([
      [0, 0],
      [10, 1],
      [20, 2],
    ]);
  });

  it('builds ratio rows from per-round values: medians shown, unsteady verdict kept apart', () => {
    const rounds = [
      { p: 700, b: 1000 },
      { p: 900, b: 1000 },
      { p: 860, b: 1000 },
    ];
    const row = ratioRow('req/s', rounds, (r) => [r.p, r.b], { target: '≥ 0.8', test: (x) => x >= 0.8 });
    expect(row).toMatchObject({ product: 860, baseline: 1000, ratio: 0.86, target: '≥ 0.8', met: 'unsteady' });
    expect(row.figure?.spread).toBeCloseTo(0.2 / 0.86, 10);
    const steady = ratioRow('req/s', rounds.slice(1), (r) => [r.p, r.b], { minRounds: 2, test: (x) => x >= 0.8 });
    expect(steady.met).toBe(true);
    const value = valueRow('p99', [{ v: 3.5 }, { v: 3.6 }, { v: 3.4 }], (r) => r.v, { test: (x) => x <= 30 });
    expect(value).toMatchObject({ product: 3.5, met: true });
  });
});
