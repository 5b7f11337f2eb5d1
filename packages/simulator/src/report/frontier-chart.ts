import type { FrontierPoint } from '../score/iso-slo-cost.js';
import { escapeXml, niceStep } from './svg-chart.js';

/** A policy drawn as a point next to the frontier. */
export interface FrontierChartPoint {
  readonly name: string;
  readonly color: string;
  readonly machineSeconds: number;
  readonly sloViolationMinuteShare: number;
}

const PAD = { left: 78, right: 150, top: 30, bottom: 40 };
/** x-axis ticks, % of minutes. */
const X_TICKS = [0, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 15, 20, 30, 50, 75, 100];

/**
 * HPA's cost/SLO frontier as an inline SVG: machine-seconds (y) against the
 * share of minutes violating the SLO (x), the frontier as a line through its
 * CPU targets (labelled), and each policy as a point. A point below and left
 * of the line does better than HPA on both counts.
 */
export function frontierChart(
  frontier: readonly FrontierPoint[],
  points: readonly FrontierChartPoint[],
  width = 1100,
  height = 420,
): string {
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const xs = [
    ...frontier.map((p) => p.sloViolationMinuteShare),
    ...points.map((p) => p.sloViolationMinuteShare),
  ];
  const ys = [...frontier.map((p) => p.machineSeconds), ...points.map((p) => p.machineSeconds)];
  // Square-root x scale: the low shares, where policies sit, get room next to HPA's high-target points.
  const xMax = Math.max(1e-4, ...xs) * 100 * 1.08;
  const xTicks = X_TICKS.filter((x) => x <= xMax);
  const xTop = X_TICKS.find((x) => x >= xMax) ?? xMax;
  xTicks.push(xTop);
  const yLo = Math.min(...ys);
  const yHi = Math.max(...ys);
  const yStep = niceStep(Math.max(1, yHi - yLo) / 5);
  const y0 = Math.max(0, Math.floor(yLo / yStep) * yStep - yStep);
  const y1 = Math.ceil(yHi / yStep) * yStep + yStep;
  const px = (share: number) => PAD.left + Math.sqrt(Math.max(0, share * 100) / xTop) * plotW;
  const py = (ms: number) => PAD.top + plotH - ((ms - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="HPA frontier">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="18" font-size="13" font-weight="bold" fill="#222">Cost against SLO: HPA's frontier (CPU targets) and each policy</text>`,
  ];
  for (let y = y0; y <= y1 + 1e-9; y += yStep) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${r(py(y))}" y2="${r(py(y))}" stroke="#eee"/>`,
      `<text x="${PAD.left - 6}" y="${r(py(y) + 4)}" font-size="10" text-anchor="end" fill="#555">${compact(y)}</text>`,
    );
  }
  for (const x of xTicks) {
    const at = px(x / 100);
    parts.push(
      `<line x1="${r(at)}" x2="${r(at)}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#f2f2f2"/>`,
      `<text x="${r(at)}" y="${PAD.top + plotH + 15}" font-size="10" text-anchor="middle" fill="#555">${x}%</text>`,
    );
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${height - 6}" font-size="11" text-anchor="middle" fill="#333">minutes violating the SLO (% of scored minutes, square-root scale)</text>`,
    `<text x="14" y="${PAD.top + plotH / 2}" font-size="11" fill="#333" transform="rotate(-90 14 ${PAD.top + plotH / 2})" text-anchor="middle">machine-seconds</text>`,
  );
  const line = [...frontier].sort((a, b) => a.cpuTarget - b.cpuTarget);
  const d = line
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${r(px(p.sloViolationMinuteShare))} ${r(py(p.machineSeconds))}`)
    .join('');
  parts.push(`<path d="${d}" fill="none" stroke="#d62728" stroke-width="1.5"/>`);
  for (const p of line) {
    const x = px(p.sloViolationMinuteShare);
    const y = py(p.machineSeconds);
    parts.push(
      `<circle cx="${r(x)}" cy="${r(y)}" r="3" fill="#d62728"/>`,
      `<text x="${r(x + 5)}" y="${r(y - 5)}" font-size="9" fill="#a11">${Math.round(p.cpuTarget * 100)}%</text>`,
    );
  }
  points.forEach((p, i) => {
    const x = px(p.sloViolationMinuteShare);
    const y = py(p.machineSeconds);
    parts.push(
      `<path d="M${r(x)} ${r(y - 7)}L${r(x + 7)} ${r(y)}L${r(x)} ${r(y + 7)}L${r(x - 7)} ${r(y)}Z" fill="${p.color}" stroke="#fff"/>`,
      `<line x1="${r(x + 7)}" y1="${r(y)}" x2="${PAD.left + plotW + 8}" y2="${PAD.top + 14 + i * 16}" stroke="${p.color}" stroke-width="0.6" stroke-dasharray="2 2"/>`,
      `<text x="${PAD.left + plotW + 12}" y="${PAD.top + 18 + i * 16}" font-size="11" fill="${p.color}">${escapeXml(p.name)}</text>`,
    );
  });
  parts.push(
    `<text x="${PAD.left + plotW + 12}" y="${PAD.top + 18 + points.length * 16 + 8}" font-size="11" fill="#d62728">HPA frontier</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    '</svg>',
  );
  return parts.join('');
}

function r(x: number): string {
  return (Math.round(x * 10) / 10).toString();
}

/** 1234567 -> 1.23M, 45600 -> 45.6k. */
function compact(v: number): string {
  if (Math.abs(v) >= 1e6) return `${+(v / 1e6).toFixed(3)}M`;
  if (Math.abs(v) >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return `${+v.toFixed(1)}`;
}
