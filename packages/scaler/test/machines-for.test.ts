import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { machinesFor } from '../src/numbers.js';

describe('machinesFor', () => {
  it('is ceil, except that a float rounding error above an integer is that integer', () => {
    expect(4.2 / 0.6).toBeGreaterThan(7);
    expect(Math.ceil(4.2 / 0.6)).toBe(8);
    expect(machinesFor(4.2 / 0.6)).toBe(7);
    expect(machinesFor(10.01)).toBe(11);
    expect(machinesFor(0)).toBe(0);
    expect(Object.is(machinesFor(0), 0)).toBe(true);
    expect(machinesFor(0.2)).toBe(1);
  });

  it('gives k for k machines worth of load written as a product or a quotient of floats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1000 }), (k, per100) => {
        const per = per100 / 100;
        expect(machinesFor((k * per) / per)).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });
});
