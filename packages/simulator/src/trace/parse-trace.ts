import { GovernorError } from '@governor/errors';
import { fillMasked, maskZeroRuns, type ZeroGapOptions } from './mask-gaps.js';
import type { Trace } from './trace.js';

/** Values of the rate column that mark a bin as missing data (case-insensitive), besides an empty value. */
export const MASK_MARKERS: ReadonlySet<string> = new Set(['mask', 'masked', 'nan', 'na', 'null', '-']);

/** Options of {@link parseTrace}. */
export interface ParseTraceOptions extends ZeroGapOptions {
  /** Name of the source, for error messages. Default `trace`. */
  readonly source?: string;
}

/**
 * Parses a `t_seconds,requests_per_second` CSV (header optional, `#`
 * comments and blank lines ignored). Times must be evenly spaced and
 * increasing. Rates that are empty, `mask`, `NaN` (see {@link MASK_MARKERS})
 * and runs of exact zeros (see `minZeroRun`) are masked.
 *
 * @throws GovernorError `GOV_CLI_INVALID_TRACE` on a malformed file.
 */
export function parseTrace(text: string, options: ParseTraceOptions = {}): Trace {
  const source = options.source ?? 'trace';
  const fail = (line: number, why: string): never => {
    throw new GovernorError('GOV_CLI_INVALID_TRACE', `${source}:${line}: ${why}`, {
      details: { source, line },
    });
  };
  const times: number[] = [];
  const rates: number[] = [];
  const mask: number[] = [];
  const lineOf: number[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const comma = line.indexOf(',');
    if (comma < 0) fail(n + 1, 'expected `t_seconds,requests_per_second`');
    const tRaw = line.slice(0, comma).trim();
    const vRaw = line.slice(comma + 1).trim();
    const t = Number(tRaw);
    if (tRaw === '' || !Number.isFinite(t)) {
      if (times.length === 0 && /[a-z]/i.test(tRaw)) continue; // header row
      fail(n + 1, `t_seconds is not a number: ${JSON.stringify(tRaw)}`);
    }
    if (vRaw === '' || MASK_MARKERS.has(vRaw.toLowerCase())) {
      times.push(t);
      lineOf.push(n + 1);
      rates.push(0);
      mask.push(1);
      continue;
    }
    const v = Number(vRaw);
    if (!Number.isFinite(v) || v < 0)
      fail(n + 1, `requests_per_second must be a number >= 0 or a mask marker, got ${JSON.stringify(vRaw)}`);
    times.push(t);
    lineOf.push(n + 1);
    rates.push(v);
    mask.push(0);
  }
  if (times.length < 2) fail(lines.length, 'a trace needs at least two rows');
  const start = times[0] ?? 0;
  const step = (times[1] ?? 0) - start;
  if (!(step > 0)) fail(lineOf[1] ?? 0, 't_seconds must increase');
  for (let i = 1; i < times.length; i++) {
    const expected = start + i * step;
    if (Math.abs((times[i] ?? 0) - expected) > step * 1e-6) {
      fail(
        lineOf[i] ?? 0,
        `rows must be evenly spaced by ${step} s: expected t=${expected}, got ${times[i]}`,
      );
    }
  }
  const rps = Float64Array.from(rates);
  const masked = Uint8Array.from(mask);
  maskZeroRuns(rps, masked, step, options);
  fillMasked(rps, masked);
  return { step, start, rps, masked };
}
