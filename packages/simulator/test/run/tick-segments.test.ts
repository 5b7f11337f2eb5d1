import { describe, expect, it } from 'vitest';
import { tickSegments } from '../../src/run/tick-segments.js';
import { traceOf } from '../helpers/synthetic-trace.js';

const segmentsOf = (step: number, rows: number, dt: number, ticks: number) => {
  const s = tickSegments(
    traceOf(rows, step, () => 1),
    dt,
    ticks,
  );
  return Array.from({ length: ticks }, (_, k) => {
    const out: [number, number, number][] = [];
    for (let i = s.start[k] ?? 0; i < (s.start[k + 1] ?? 0); i++)
      out.push([s.row[i] ?? -1, s.t[i] ?? -1, s.seconds[i] ?? -1]);
    return out;
  });
};

describe('tickSegments', () => {
  it('cuts a 5 s tick on a 1 s trace into its 5 rows', () => {
    expect(segmentsOf(1, 10, 5000, 2)).toEqual([
      [
        [0, 0, 1],
        [1, 1, 1],
        [2, 2, 1],
        [3, 3, 1],
        [4, 4, 1],
      ],
      [
        [5, 5, 1],
        [6, 6, 1],
        [7, 7, 1],
        [8, 8, 1],
        [9, 9, 1],
      ],
    ]);
  });

  it('gives a tick shorter than a row one segment of that row', () => {
    expect(segmentsOf(10, 2, 5000, 4)).toEqual([[[0, 0, 5]], [[0, 5, 5]], [[1, 10, 5]], [[1, 15, 5]]]);
  });

  it('cuts ticks that straddle row boundaries at the boundary', () => {
    expect(segmentsOf(3, 4, 5000, 2)).toEqual([
      [
        [0, 0, 3],
        [1, 3, 2],
      ],
      [
        [1, 5, 1],
        [2, 6, 3],
        [3, 9, 1],
      ],
    ]);
  });
});
