import type { ChartSeriesSet, SimulationResult } from '../simulate.js';
import { type ChartSeries, lineChart } from './svg-chart.js';

/** Colour of a policy (by name and scorecard position). */
export type ColorOf = (name: string, index: number) => string;

const SMALL = 150;

/**
 * The whole-trace charts, readable on multi-week traces: the load, then one
 * small chart per policy of its billed machines and one of its latency
 * quantile. Each chart point covers many ticks, so it is drawn as a band
 * from the point's lowest to its highest tick (machines also as the mean
 * line, against the ideal count), never as overlapping lines of every policy.
 */
export function wholeTraceCharts(result: SimulationResult, color: ColorOf): string[] {
  const s = result.series;
  const names = result.scorecards.map((c) => c.policy);
  const slo = result.slo.ms;
  const q = quantileName(result);
  const load = lineChart({
    title: 'Load (band: lowest to highest tick of each point)',
    yLabel: 'requests/s',
    x: s.t,
    series: [{ name: 'load', color: '#555', values: s.load, band: { min: s.loadMin, max: s.loadMax } }],
    shade: s.masked,
  });
  const yMax = Math.max(1, ...s.ideal, ...names.flatMap((n) => s.policies[n]?.machinesMax ?? []));
  const machines = names.map((name, i) => {
    const p = s.policies[name];
    return lineChart({
      title: `Billed machines: ${name}`,
      yLabel: 'machines',
      x: s.t,
      series: [
        {
          name,
          color: color(name, i),
          values: p?.machines ?? [],
          band: { min: p?.machinesMin ?? [], max: p?.machinesMax ?? [] },
        },
        { name: 'ideal (mean)', color: '#000', values: s.ideal, dash: '2 2', width: 0.8 },
      ],
      shade: s.masked,
      yMax: Math.ceil(yMax * 1.05),
      height: SMALL,
    });
  });
  const latency = names.map((name, i) => {
    const p = s.policies[name];
    return lineChart({
      title: `${q} latency: ${name}`,
      yLabel: 'ms',
      x: s.t,
      series: [
        {
          name: `${name} (mean; band: best to worst tick)`,
          color: color(name, i),
          values: p?.p99Mean ?? [],
          band: { min: p?.p99Min ?? [], max: p?.p99 ?? [] },
        },
      ],
      lines: [{ y: slo, label: `SLO ${slo} ms`, color: '#b00' }],
      shade: s.masked,
      yMax: slo * 3,
      height: SMALL,
    });
  });
  return [load, ...machines, ...latency];
}

/** The charts of one day around the peak, where single bursts are readable as lines. */
export function zoomCharts(result: SimulationResult, zoom: ChartSeriesSet, color: ColorOf): string[] {
  const names = result.scorecards.map((c) => c.policy);
  const slo = result.slo.ms;
  const line = (name: string, i: number, values: readonly number[]): ChartSeries => ({
    name,
    color: color(name, i),
    values,
    width: i === 0 ? 1.6 : 1.1,
  });
  return [
    lineChart({
      title: 'One day around the peak: load',
      yLabel: 'requests/s',
      x: zoom.t,
      series: [{ name: 'load', color: '#555', values: zoom.load }],
      shade: zoom.masked,
    }),
    lineChart({
      title: 'One day around the peak: billed machines',
      yLabel: 'machines',
      x: zoom.t,
      series: [
        ...names.map((name, i) => line(name, i, zoom.policies[name]?.machines ?? [])),
        { name: 'ideal', color: '#000', values: zoom.ideal, dash: '2 2', width: 0.8 },
      ],
      shade: zoom.masked,
    }),
    lineChart({
      title: `One day around the peak: worst ${quantileName(result)} per point vs SLO`,
      yLabel: 'ms',
      x: zoom.t,
      series: names.map((name, i) => line(name, i, zoom.policies[name]?.p99 ?? [])),
      lines: [{ y: slo, label: `SLO ${slo} ms`, color: '#b00' }],
      shade: zoom.masked,
      yMax: slo * 3,
    }),
  ];
}

function quantileName(result: SimulationResult): string {
  return `P${Math.round(result.slo.quantile * 100)}`;
}
