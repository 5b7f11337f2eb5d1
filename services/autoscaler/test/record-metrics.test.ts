import type { Decision, DecisionStep } from '@governor/scaler';
import { partialFixture } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { recommendedOf } from '../src/record-metrics.js';

const step = (before: number, after: number, region?: string): DecisionStep => ({
  stage: 'rate',
  reason: after < before ? 'TooManyMachines' : 'DesiredWithinRange',
  before,
  after,
  message: '',
  ...(region ? { region } : {}),
});

describe('recommendedOf (governor_recommended_machines)', () => {
  it.each([
    ['the metrics ask, before the max clamps it', [step(9, 6)], 6, 9],
    ['per region, summed', [step(2, 2, 'ams'), step(4, 3, 'iad')], 5, 6],
    ['no rate step (min bound, zero): the decision', [], 1, 1],
  ])('%s', (_case, steps, desired, want) => {
    const got = recommendedOf(partialFixture<Decision>({ steps, desired }));
    expect(got, `got ${got} want ${want}`).toBe(want);
  });
});
