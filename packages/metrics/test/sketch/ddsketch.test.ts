import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DDSketch } from '../../src/index.js';

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

describe('DDSketch', () => {
  it('keeps every quantile within the relative accuracy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.01, 0.02, 0.05),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, alpha, q) => {
          const sketch = new DDSketch({ relativeAccuracy: alpha });
          for (const v of values) sketch.add(v);
          const want = exactQuantile(
            [...values].sort((a, b) => a - b),
            q,
          );
          const got = sketch.quantile(q);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(alpha * want * (1 + 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges to the same sketch as adding all values to one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true })),
        (xs, ys) => {
          const a = new DDSketch();
          const b = new DDSketch();
          const all = new DDSketch();
          for (const x of xs) {
            a.add(x);
            all.add(x);
          }
          for (const y of ys) {
            b.add(y);
            all.add(y);
          }
          const merged = a.merge(b).toJSON();
          const want = all.toJSON();
          expect({ ...merged, sum: 0 }).toEqual({ ...want, sum: 0 });
          expect(merged.sum).toBeCloseTo(want.sum, 6);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives a JSON round trip', () => {
    const s = new DDSketch({ relativeAccuracy: 0.02 });
    for (let i = 0; i < 1000; i++) s.add((i % 97) / 10);
    const back = DDSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.toJSON()).toEqual(s.toJSON());
    expect(back.quantile(0.99)).toBe(s.quantile(0.99));
  });

  it('counts zero and tiny values in the zero bucket and reports 0 for them', () => {
    const s = new DDSketch().add(0).add(0).add(5);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(1)).toBeCloseTo(5, 1);
  });

  it('is NaN when empty or for q outside [0, 1]', () => {
    expect(new DDSketch().quantile(0.5)).toBeNaN();
    expect(new DDSketch().add(1).quantile(1.5)).toBeNaN();
  });

  it('collapses its lowest bins beyond maxBins, keeping high quantiles accurate', () => {
    const s = new DDSketch({ maxBins: 10 });
    for (let i = 1; i <= 1000; i++) s.add(i);
    expect(Object.keys(s.toJSON().bins)).toHaveLength(10);
    expect(s.count).toBe(1000);
    expect(Math.abs(s.quantile(0.99) - 990) / 990).toBeLessThanOrEqual(0.01);
  });

  it('rejects an accuracy outside (0, 1)', () => {
    expect(() => new DDSketch({ relativeAccuracy: 0 })).toThrow(/relative accuracy/);
  });
});
