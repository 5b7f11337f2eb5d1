import { existsSync } from 'node:fs';
import { GovernorError } from '@governor/errors';
import { describe, expect, it } from 'vitest';
import { loadTraceFile, maskedCount, parseTrace, peakRps } from '../../src/index.js';

const SHARED = new URL('../../../../../shared/traces/twitter_stream_2021-08_10s.csv', import.meta.url)
  .pathname;

function intervals(masked: Uint8Array, step: number): string[] {
  const out: string[] = [];
  let s = -1;
  for (let i = 0; i <= masked.length; i++) {
    const m = i < masked.length && masked[i] === 1;
    if (m && s < 0) s = i;
    if (!m && s >= 0) {
      out.push(`[${s * step},${i * step})`);
      s = -1;
    }
  }
  return out;
}

describe('parseTrace', () => {
  it('reads t_seconds,requests_per_second with a header, comments and blank lines', () => {
    const t = parseTrace('t_seconds,requests_per_second\n# comment\n0,1.5\n10,2\n\n20,3\n');
    expect(t.step).toBe(10);
    expect(Array.from(t.rps)).toEqual([1.5, 2, 3]);
    expect(maskedCount(t)).toBe(0);
  });

  it('masks empty values and mask/NaN markers and fills them by interpolation', () => {
    const t = parseTrace('0,10\n10,\n20,mask\n30,NaN\n40,50\n');
    expect(Array.from(t.masked)).toEqual([0, 1, 1, 1, 0]);
    expect(Array.from(t.rps)).toEqual([10, 20, 30, 40, 50]);
  });

  it('masks runs of exact zeros lasting a minute or more, but not shorter ones', () => {
    const rows = ['0,5', '10,0', '20,0', '30,5'];
    for (let i = 0; i < 6; i++) rows.push(`${40 + i * 10},0`);
    rows.push('100,5');
    const t = parseTrace(rows.join('\n'));
    expect(Array.from(t.masked)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]);
    expect(t.rps[1]).toBe(0);
    expect(t.rps[4]).toBe(5);
  });

  it('keeps zeros when zero-run detection is disabled', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i * 10},${i === 0 ? 1 : 0}`).join('\n');
    expect(maskedCount(parseTrace(rows, { minZeroRun: 0 }))).toBe(0);
    expect(maskedCount(parseTrace(rows))).toBe(19);
  });

  it('rejects uneven times, decreasing times, negative rates and garbage with the line number', () => {
    const cases = ['0,1\n10,1\n25,1', '10,1\n0,1', '0,1\n10,-3', '0,1\n10,abc', '0,1', 'x'];
    for (const text of cases) {
      let err: unknown;
      try {
        parseTrace(text, { source: 'case.csv' });
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(GovernorError);
      expect((err as GovernorError).code).toBe('GOV_CLI_INVALID_TRACE');
      expect((err as Error).message).toMatch(/^case\.csv:\d+: /);
    }
  });

  it('reports an unreadable file as an invalid trace', async () => {
    await expect(loadTraceFile('/nonexistent/trace.csv')).rejects.toMatchObject({
      code: 'GOV_CLI_INVALID_TRACE',
    });
  });

  it.skipIf(!existsSync(SHARED))('finds exactly the 22 data gaps the shared trace README lists', async () => {
    const t = await loadTraceFile(SHARED);
    expect(t.rps.length).toBe(189_906);
    expect(intervals(t.masked, t.step)).toEqual([
      '[84670,86400)',
      '[171070,172800)',
      '[257470,259200)',
      '[343860,345600)',
      '[430270,432000)',
      '[516670,518400)',
      '[603070,604800)',
      '[689470,691200)',
      '[775870,777600)',
      '[862270,864000)',
      '[948670,950400)',
      '[1035070,1036800)',
      '[1089600,1089740)',
      '[1121460,1123200)',
      '[1207870,1209600)',
      '[1294270,1296000)',
      '[1380670,1382400)',
      '[1467070,1468800)',
      '[1553470,1555200)',
      '[1639870,1641600)',
      '[1726270,1728000)',
      '[1812670,1814400)',
    ]);
    expect(peakRps(t)).toBeCloseTo(317.1, 5);
  });
});
