import { describe, expect, it } from 'vitest';
import { placeByShare } from '../../src/index.js';

describe('placing an app-wide count over regions', () => {
  it('splits by largest remainder and keeps the total', () => {
    expect(placeByShare(5, ['ams', 'iad'], [2, 1])).toEqual({ ams: 3, iad: 2 });
    expect(placeByShare(3, ['a', 'b', 'c'], [1, 1, 1])).toEqual({ a: 1, b: 1, c: 1 });
    expect(placeByShare(7, ['only'], [1])).toEqual({ only: 7 });
    const placed = placeByShare(11, ['a', 'b', 'c'], [0.5, 0.3, 0.2]);
    expect(Object.values(placed).reduce((x, y) => x + y, 0)).toBe(11);
  });
});
