import type { SimulationResult } from '../simulate.js';
import { frontierChart } from './frontier-chart.js';
import {
  RELATIVE_COST_COLUMNS,
  relativeCostCells,
  SCORECARD_COLUMNS,
  scorecardCells,
} from './scorecard-table.js';
import { escapeXml } from './svg-chart.js';
import { type ColorOf, wholeTraceCharts, zoomCharts } from './trace-charts.js';

const COLORS: Record<string, string> = {
  'hpa-default': '#d62728',
  'fly-autoscaler': '#ff7f0e',
  oracle: '#2ca02c',
};
const POLICY_COLOR = '#1f57c3';

/**
 * A self-contained HTML report of a simulation: load, machines (policy vs
 * baselines vs the ideal count) and the latency quantile against the SLO
 * over time, then the scorecard table. Inline SVG and CSS only: it renders
 * with no network access.
 */
export function renderHtmlReport(
  result: SimulationResult,
  title = `Governor simulation: ${result.app}`,
): string {
  const s = result.series;
  const color: ColorOf = (name, i) => COLORS[name] ?? (i === 0 ? POLICY_COLOR : '#9467bd');
  const slo = result.slo.ms;
  const q = `P${Math.round(result.slo.quantile * 100)}`;
  const zoom = result.zoom;
  const charts = wholeTraceCharts(result, color);
  const zoomed = zoom ? zoomCharts(result, zoom, color) : [];
  const frontier = result.hpaFrontier
    ? frontierChart(
        result.hpaFrontier,
        result.scorecards.map((c, i) => ({
          name: c.policy,
          color: color(c.policy, i),
          machineSeconds: c.machineSeconds,
          sloViolationMinuteShare: c.sloViolationMinuteShare,
        })),
      )
    : undefined;
  const relative = result.scorecards.some(
    (c) => c.costVsOracle !== undefined || c.isoSloCostVsHpa !== undefined,
  );
  const columns = relative ? [...SCORECARD_COLUMNS, ...RELATIVE_COST_COLUMNS] : SCORECARD_COLUMNS;
  const head = columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const body = result.scorecards
    .map(
      (c) =>
        `<tr class="${c.kind}">${[...scorecardCells(c), ...(relative ? relativeCostCells(c) : [])]
          .map((cell) => `<td>${escapeXml(cell)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const meta = [
    `trace: ${result.trace.rows.toLocaleString('en-US')} rows of ${result.trace.stepSeconds} s, ${result.trace.maskedRows.toLocaleString('en-US')} masked (grey), scale x${result.trace.scale.toFixed(4)}, peak ${result.trace.peakRps.toFixed(1)} req/s`,
    `SLO: ${q} <= ${slo} ms; a machine serves ${result.perMachineRps.toFixed(1)} req/s within it (ideal count = demand / that)`,
    `machine: concurrency ${result.model.concurrency}, service ${result.model.serviceTime} ms, queue ${result.model.queueLimit}; boot ${result.model.bootTime / 1000} s, start ${result.model.startTime / 1000} s, resume ${result.model.resumeTime / 1000} s, stop ${result.model.stopTime / 1000} s`,
    `tick ${result.tickMs / 1000} s, collector window ${result.windowMs / 1000} s, one chart point = ${s.pointSeconds} s; regions: ${Object.entries(
      result.regions,
    )
      .map(([r, w]) => `${r} ${(w * 100).toFixed(0)}%`)
      .join(', ')}`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:20px;color:#222;background:#fafafa}
h1{font-size:20px;margin:0 0 6px}
.meta{font-size:12px;color:#555;margin:0 0 12px;padding-left:18px}
.chart{background:#fff;border:1px solid #ddd;margin:8px 0;display:inline-block}
table{border-collapse:collapse;font-size:12px;background:#fff;margin-top:12px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:right;white-space:nowrap}
th{background:#f0f0f0}
td:first-child,th:first-child{text-align:left}
tr.policy td{font-weight:bold;background:#eef3ff}
.note{font-size:11px;color:#666;max-width:1100px}
</style></head><body>
<h1>${escapeXml(title)}</h1>
<ul class="meta">${meta.map((m) => `<li>${escapeXml(m)}</li>`).join('')}</ul>
<h2 style="font-size:16px">Scorecard</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<p class="note">Scored time excludes masked (missing) data. SLO violation: the fleet ${q} above the SLO, or more than ${((1 - result.slo.quantile) * 100).toFixed(0)}% of requests failing.
Machine-seconds count machines booting, started or stopping. Under/over-provisioning compare ready/billed machines with the ideal count.
Reaction: seconds from a load step until ready machines reach the step's ideal count (count of steps in brackets).${
    relative
      ? " vs oracle: machine-seconds / the oracle's. iso-SLO vs HPA: machine-seconds / the fewest with which HPA (CPU 40%..90%) violates the SLO in no more minutes; * when no HPA target violates as little."
      : ''
  }</p>
${frontier ? `<h2 style="font-size:16px">Cost against SLO</h2>\n<div class="chart">${frontier}</div>` : ''}
<h2 style="font-size:16px">Whole trace</h2>
${charts.map((c) => `<div class="chart">${c}</div>`).join('\n')}
${zoomed.length > 0 ? `<h2 style="font-size:16px">One day around the peak (one point = ${zoom?.pointSeconds} s)</h2>\n` : ''}${zoomed.map((c) => `<div class="chart">${c}</div>`).join('\n')}
</body></html>
`;
}
