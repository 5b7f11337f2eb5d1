import { PassThrough } from 'node:stream';
import type { AppStatus } from '@governor/autoscaler';
import { describe, expect, it } from 'vitest';
import { StatusPrinter } from '../../src/up/status-printer.js';
import { renderStatusTable } from '../../src/up/status-table.js';

function status(p99: number | undefined, extra: Partial<AppStatus> = {}): AppStatus {
  return {
    name: 'demo',
    provider: 'local',
    mode: 'active',
    configuredMode: 'active',
    current: 1,
    desired: 3,
    bounds: { min: 1, max: 6 },
    slo: { quantile: 'p99', ms: 250 },
    stats: { reporting: 1, latency: p99 === undefined ? {} : { p99 }, cpu: 0.42, rps: 83.25 },
    machines: [],
    lastDecision: {
      id: 'd1',
      at: 0,
      outcome: 'scale_up',
      disposition: 'enqueued',
      explanation: 'p99 1984.66ms vs SLO 250ms x 0.8 -> ratio 9.92; demo: 1 -> 3 machines (scale_up)',
    },
    ...extra,
  };
}

describe('renderStatusTable', () => {
  it('shows machines current/desired with bounds, p99 vs SLO, cpu, rps and the last reason', () => {
    const [title, head, row] = renderStatusTable(
      [status(1.2)],
      {
        api: '127.0.0.1:9470',
        proxies: [{ app: 'demo', address: '127.0.0.1:8080' }],
        load: 'demo load: step up, 100 rps',
      },
      400,
    );
    expect(title).toBe(
      'governor up — API http://127.0.0.1:9470, demo at http://127.0.0.1:8080 — demo load: step up, 100 rps',
    );
    expect(head).toMatch(/^APP\s+MODE\s+MACHINES\s+P99 \/ SLO\s+CPU\s+RPS\s+CAPACITY\s+LAST REASON$/);
    expect(row).toContain('1/3 [1-6]');
    expect(row).toContain('1200ms / 250ms OVER');
    expect(row).toContain('42%');
    expect(row).toContain('83.3');
    expect(row).toContain('demo: 1 -> 3 machines (scale_up)');
  });

  it("shows the capacity model's estimate once calibrated, and its evidence while learning", () => {
    const learned = status(0.1, { capacity: { rps: 29.14, windows: 412, calibrated: true } });
    expect(renderStatusTable([learned], { api: 'a', proxies: [] }, 400)[2]).toContain('29.1 rps/m (412 w)');
    const learning = status(0.1, { capacity: { rps: 12, windows: 7, calibrated: false } });
    expect(renderStatusTable([learning], { api: 'a', proxies: [] }, 400)[2]).toContain('learning (7 w)');
    const none = renderStatusTable([status(0.1)], { api: 'a', proxies: [] }, 400)[2] ?? '';
    expect(none).toMatch(/83\.3\s+-\s+p99/);
  });

  it('marks a p99 under the SLO ok, and shows dashes when nothing is measured yet', () => {
    expect(renderStatusTable([status(0.1)], { api: 'a', proxies: [] }, 400)[2]).toContain('100ms / 250ms ok');
    const empty = renderStatusTable(
      [status(undefined, { stats: undefined, desired: undefined })],
      { api: 'a', proxies: [] },
      400,
    )[2];
    expect(empty).toContain('1/- [1-6]');
    expect(empty).toContain('- / 250ms');
  });

  it('cuts lines to the width', () => {
    for (const line of renderStatusTable([status(0.1)], { api: 'a', proxies: [] }, 40)) {
      expect(line.length).toBeLessThanOrEqual(40);
    }
  });
});

describe('StatusPrinter', () => {
  const read = (out: PassThrough) => (out.read() as Buffer | null)?.toString() ?? '';

  it('prints plain lines (title once, rows only when they change) when not a terminal', () => {
    const out = new PassThrough();
    const p = new StatusPrinter({ out, tty: false });
    p.print(['title', 'APP MODE', 'demo 1/1']);
    p.print(['title', 'APP MODE', 'demo 1/1']);
    p.print(['title', 'APP MODE', 'demo 1/3']);
    const text = read(out);
    expect(text).not.toContain('\x1b[');
    expect(text.match(/title/g)).toHaveLength(1);
    expect(text).toMatch(/^title\nAPP MODE\n\d\d:\d\d:\d\d demo 1\/1\n\d\d:\d\d:\d\d demo 1\/3\n$/);
  });

  it('redraws in place on a terminal', () => {
    const out = new PassThrough();
    const p = new StatusPrinter({ out, tty: true });
    p.print(['a', 'b']);
    expect(read(out)).toBe('\x1b[2Ka\n\x1b[2Kb\n\x1b[0J');
    p.print(['c', 'd']);
    expect(read(out)).toBe('\x1b[2F\x1b[2Kc\n\x1b[2Kd\n\x1b[0J');
  });
});
