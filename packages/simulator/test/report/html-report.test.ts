import { describe, expect, it } from 'vitest';
import { lineChart, type PolicySeries, renderHtmlReport, type SimulationResult } from '../../src/index.js';
import { niceStep } from '../../src/report/svg-chart.js';

const card = (policy: string, kind: 'policy' | 'baseline') => ({
  policy,
  kind,
  scoredSeconds: 100,
  sloViolationSeconds: 10,
  sloViolationShare: 0.1,
  sloViolationMinutes: 1,
  sloViolationMinuteShare: 0.5,
  machineSeconds: 300,
  meanMachines: 3,
  underProvisionedMachineSeconds: 0,
  underProvisionedShare: 0,
  overProvisionedMachineSeconds: 100,
  overProvisionedShare: 0.5,
  scalingActionsPerHour: 1,
  providerActionsPerHour: 2,
  errorShare: 0,
  reaction: { steps: 0, medianSeconds: 0, p90Seconds: 0, maxSeconds: 0 },
});

const series = (machines: number[], p99: number[]): PolicySeries => ({
  machines,
  machinesMin: machines.map((m) => m - 1),
  machinesMax: machines.map((m) => m + 1),
  p99,
  p99Min: p99.map((p) => p / 2),
  p99Mean: p99.map((p) => (p * 3) / 4),
});

const result: SimulationResult = {
  version: 1,
  app: 'web<script>',
  trace: { rows: 3, stepSeconds: 10, maskedRows: 1, scale: 1, peakRps: 30 },
  model: {
    concurrency: 2,
    serviceTime: 50,
    serviceVariability: 0,
    queueLimit: 64,
    bootTime: 30_000,
    startTime: 5000,
    resumeTime: 2000,
    stopTime: 5000,
  },
  slo: { ms: 250, quantile: 0.99 },
  perMachineRps: 29.6,
  tickMs: 5000,
  windowMs: 15_000,
  regions: { local: 1 },
  scorecards: [card('web', 'policy'), card('hpa-default', 'baseline'), card('oracle', 'baseline')],
  series: {
    pointSeconds: 10,
    t: [0, 10, 20],
    load: [10, 30, 20],
    loadMin: [5, 20, 10],
    loadMax: [15, 40, 30],
    ideal: [1, 2, 1],
    masked: [false, true, false],
    policies: {
      web: series([1, 2, 2], [100, 300, 120]),
      'hpa-default': series([1, 1, 2], [100, 700, 100]),
      oracle: series([2, 2, 1], [90, 100, 90]),
    },
  },
};

describe('HTML report', () => {
  const html = renderHtmlReport(result);

  it('is self-contained: no scripts, no external stylesheets, fonts or images', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const urls = html.match(/https?:\/\/[^"' )]+/g) ?? [];
    expect(urls.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('shows the load, then machines and latency vs SLO per policy, and one scorecard row per policy', () => {
    // Load, then one machines and one latency chart per policy: no chart overlays every policy's line.
    expect(html.match(/<svg /g)?.length).toBe(1 + 3 + 3);
    for (const name of ['web', 'hpa-default', 'oracle']) {
      expect(html).toContain(`Billed machines: ${name}`);
      expect(html).toContain(`P99 latency: ${name}`);
    }
    expect(html).toContain('SLO 250 ms');
    for (const name of ['hpa-default', 'oracle']) expect(html).toContain(`<td>${name}</td>`);
    expect(html).toContain('<tr class="policy">');
    expect(html).not.toContain('Cost against SLO');
  });

  it('draws a point covering many ticks as a band from its lowest to its highest tick', () => {
    const svg = lineChart({
      title: 't',
      yLabel: 'y',
      x: [0, 10, 20],
      series: [{ name: 'a', color: '#123456', values: [2, 3, 4], band: { min: [1, 2, 3], max: [3, 8, 5] } }],
    });
    const band = svg.match(/<path d="([^"]*)Z" fill="#123456" fill-opacity/);
    expect(band).not.toBeNull();
    // Three flat steps along the top and three back along the bottom.
    expect(band?.[1]?.match(/[ML]/g)?.length).toBe(12);
    // The axis reaches the band's top (8), not just the line's (4, which would end the axis at 5).
    expect(svg).toMatch(/>10</);
  });

  it('with a frontier, adds the relative-cost columns and the cost-against-SLO chart', () => {
    const withFrontier: SimulationResult = {
      ...result,
      scorecards: result.scorecards.map((c, i) => ({
        ...c,
        costVsOracle: 1 + i / 10,
        isoSloCostVsHpa: 0.9,
        beyondFrontier: i === 0,
      })),
      hpaFrontier: [
        { cpuTarget: 0.4, machineSeconds: 400, sloViolationMinuteShare: 0.01 },
        { cpuTarget: 0.7, machineSeconds: 300, sloViolationMinuteShare: 0.02 },
        { cpuTarget: 0.9, machineSeconds: 250, sloViolationMinuteShare: 0.2 },
      ],
    };
    const out = renderHtmlReport(withFrontier);
    expect(out).toContain('<th>iso-SLO vs HPA</th>');
    expect(out).toContain('<td>0.90*</td>');
    expect(out).toContain('Cost against SLO');
    expect(out).toContain('aria-label="HPA frontier"');
    for (const label of ['>40%<', '>70%<', '>90%<']) expect(out).toContain(label);
  });

  it('escapes names taken from the config', () => {
    expect(html).not.toContain('web<script>');
    expect(html).toContain('web&#60;script&#62;');
  });

  it('draws each series as one path over all points and shades masked points', () => {
    const svg = lineChart({
      title: 't',
      yLabel: 'y',
      x: [0, 10, 20],
      series: [{ name: 'a', color: '#000', values: [1, 2, 3] }],
      shade: [false, true, false],
    });
    expect(svg.match(/<path d="M[^"]*"/)?.[0].match(/[ML]/g)?.length).toBe(3);
    expect(svg).toContain('fill="#ddd"');
  });

  it('labels the y axis at round values and says when values go past a fixed top', () => {
    const chart = (values: number[]) =>
      lineChart({
        title: 't',
        yLabel: 'ms',
        x: [0, 10, 20],
        series: [{ name: 'p99', color: '#000', values }],
        yMax: 750,
      });
    const labels = (svg: string) =>
      [...svg.matchAll(/text-anchor="end" fill="#555">([\d.]+)</g)].map((m) => m[1]);
    const calm = chart([100, 200, 300]);
    expect(labels(calm)).toEqual(['0', '200', '400', '600']);
    expect(calm).not.toContain('axis cut');
    expect(chart([100, 2000, 300])).toContain('axis cut at 750: higher values drawn at the top');
  });

  it('picks tick spacings of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.3, 1, 187.5, 240, 251, 4000, 7000].map(niceStep)).toEqual([0.5, 1, 200, 250, 500, 5000, 10000]);
  });
});
