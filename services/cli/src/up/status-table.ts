import type { AppStatus } from '@governor/autoscaler';

/** Extra facts shown above the table (proxy address, load phase). */
export interface StatusHeader {
  readonly api: string;
  readonly proxies: ReadonlyArray<{ app: string; address: string }>;
  /** e.g. `demo load: step up, 100 rps`. */
  readonly load?: string;
}

function pct(x: number | undefined): string {
  return x === undefined ? '-' : `${Math.round(x * 100)}%`;
}

function ms(seconds: number | undefined): string {
  return seconds === undefined ? '-' : `${Math.round(seconds * 1000)}ms`;
}

/** The `p99 vs SLO` cell: `182ms / 250ms ok` or `1204ms / 250ms OVER`. */
function latencyCell(s: AppStatus): string {
  const q = s.slo?.quantile ?? 'p99';
  const v = s.stats?.latency[q];
  if (!s.slo) return ms(v);
  const verdict = v === undefined ? '' : v * 1000 <= s.slo.ms ? ' ok' : ' OVER';
  return `${ms(v)} / ${s.slo.ms}ms${verdict}`;
}

/** The `CAPACITY` cell: `29.1 rps/m (412 w)` once learned, `learning (12 w)` before, `-` without the model. */
function capacityCell(s: AppStatus): string {
  const c = s.capacity;
  if (c === undefined) return '-';
  return c.calibrated ? `${c.rps.toFixed(1)} rps/m (${c.windows} w)` : `learning (${c.windows} w)`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
}

/**
 * Renders the status of every app as lines: app, mode, machines
 * current/desired (bounds), p99 vs SLO, CPU, rps, the capacity model's
 * estimate (requests/s per machine at the SLO), last reason. The last
 * column is cut to `width` characters.
 */
export function renderStatusTable(apps: readonly AppStatus[], header: StatusHeader, width = 120): string[] {
  const head = ['APP', 'MODE', 'MACHINES', 'P99 / SLO', 'CPU', 'RPS', 'CAPACITY', 'LAST REASON'];
  const rows = apps.map((s) => [
    s.name,
    s.override ? `${s.mode}+override` : s.mode,
    `${s.current}/${s.desired ?? '-'} [${s.bounds.min}-${s.bounds.max}]`,
    latencyCell(s),
    pct(s.stats?.cpu),
    s.stats?.rps === undefined ? '-' : s.stats.rps.toFixed(1),
    capacityCell(s),
    s.lastDecision?.explanation ?? 'waiting for the first decision',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const lines = [
    `governor up — API http://${header.api}` +
      header.proxies.map((p) => `, ${p.app} at http://${p.address}`).join('') +
      (header.load ? ` — ${header.load}` : ''),
    pad(head, widths),
    ...rows.map((r) => pad(r, widths)),
  ];
  return lines.map((l) => (l.length > width ? `${l.slice(0, Math.max(0, width - 1))}…` : l));
}
