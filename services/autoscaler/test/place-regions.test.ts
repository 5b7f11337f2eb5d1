import type { Machine } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { placeRegions } from '../src/place-regions.js';

const m = (id: string, region: string, state: Machine['state'] = 'started'): Machine => ({
  id,
  app: 'web',
  region,
  state,
  createdAt: 0,
  health: 'healthy',
});

describe('placeRegions', () => {
  it.each([
    ['named regions pass through', { ams: 2, iad: 1 }, [], 'ams', { ams: 2, iad: 1 }],
    ['an empty fleet grows in the primary region', { '*': 3 }, [], 'ams', { ams: 3 }],
    [
      'growth goes to the region with the fewest running machines',
      { '*': 4 },
      [m('a', 'ams'), m('b', 'ams'), m('c', 'iad')],
      'ams',
      { ams: 2, iad: 2 },
    ],
    [
      'shrinking takes from the region with the most',
      { '*': 2 },
      [m('a', 'ams'), m('b', 'ams'), m('c', 'iad')],
      'ams',
      { ams: 1, iad: 1 },
    ],
    [
      'stopped machines do not count as running',
      { '*': 2 },
      [m('a', 'ams', 'stopped'), m('b', 'iad')],
      'ams',
      { ams: 1, iad: 1 },
    ],
  ])('%s', (_case, desired, machines, primary, want) => {
    const got = placeRegions(desired, machines, primary);
    expect(got, `got ${JSON.stringify(got)} want ${JSON.stringify(want)}`).toEqual(want);
  });
});
