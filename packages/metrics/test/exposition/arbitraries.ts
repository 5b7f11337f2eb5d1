import fc from 'fast-check';
import type { Exemplar, ExpositionFormat, MetricFamily, MetricSeries, MetricType } from '../../src/index.js';

/** Generators of valid metric families, for round-trip properties. */

const labelName = fc
  .stringMatching(/^[a-z_][a-z0-9_]{0,6}$/)
  .filter((n) => n !== 'le' && n !== 'quantile' && !n.startsWith('m'));
const labelValue = fc.string({ unit: 'grapheme', maxLength: 8 });
const labels = fc.dictionary(labelName, labelValue, { maxKeys: 3 });
const noNegativeZero = (n: number): number => (n === 0 ? 0 : n);
const anyValue = fc.double().map(noNegativeZero);
const nonNegative = fc.double({ min: 0, noNaN: true }).map(noNegativeZero);
const timestampMs = fc.integer({ min: -1e12, max: 4e12 });

function uniqueByLabels<T extends { labels: Record<string, string> }>(
  arb: fc.Arbitrary<T>,
): fc.Arbitrary<T[]> {
  return fc.uniqueArray(arb, {
    maxLength: 4,
    selector: (s) => JSON.stringify(Object.entries(s.labels).sort()),
  });
}

/** `series` (a series or an exemplar) with the fields of `extra` that are defined (an undefined one is left out, as the parser does). */
function withOptional<T extends object>(series: T, extra: Partial<T>): T {
  const defined = Object.entries(extra).filter(([, v]) => v !== undefined);
  return { ...series, ...Object.fromEntries(defined) };
}

const optionalTs = fc.option(timestampMs, { nil: undefined });

function valueSeries(value: fc.Arbitrary<number>): fc.Arbitrary<MetricSeries[]> {
  return uniqueByLabels(
    fc
      .record({ labels, value, ts: optionalTs })
      .map(({ labels, value, ts }) => withOptional<MetricSeries>({ labels, value }, { timestamp: ts })),
  );
}

function counterSeries(om: boolean): fc.Arbitrary<MetricSeries[]> {
  const exemplar = fc.record({
    labels: fc.dictionary(labelName, fc.string({ maxLength: 8 }), { maxKeys: 2 }),
    value: anyValue,
    ts: optionalTs,
  });
  return uniqueByLabels(
    fc
      .record({
        labels,
        value: nonNegative,
        ts: optionalTs,
        created: om ? fc.option(timestampMs, { nil: undefined }) : fc.constant(undefined),
        exemplar: om ? fc.option(exemplar, { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ labels, value, ts, created, exemplar }) =>
        withOptional<MetricSeries>(
          { labels, value },
          {
            timestamp: ts,
            created,
            exemplars:
              exemplar === undefined
                ? undefined
                : [
                    withOptional<Exemplar>(
                      { labels: exemplar.labels, value: exemplar.value },
                      { timestamp: exemplar.ts },
                    ),
                  ],
          },
        ),
      ),
  );
}

function histogramSeries(om: boolean, gauge: boolean): fc.Arbitrary<MetricSeries[]> {
  const bounds = fc
    .uniqueArray(fc.double({ min: 0, max: 1e6, noNaN: true }).map(noNegativeZero), { maxLength: 5 })
    .map((b) => [...b].sort((x, y) => x - y));
  return uniqueByLabels(
    fc
      .record({
        labels,
        bounds,
        increments: fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }),
        withTotals: fc.boolean(),
        sum: nonNegative,
        ts: optionalTs,
        created: om && !gauge ? fc.option(timestampMs, { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ labels, bounds, increments, withTotals, sum, ts, created }) => {
        let running = 0;
        const buckets = [...bounds, Number.POSITIVE_INFINITY].map((le, i) => {
          running += increments[i] ?? 0;
          return { le, count: running };
        });
        return withOptional<MetricSeries>(
          { labels, buckets },
          {
            count: withTotals ? running : undefined,
            sum: withTotals ? sum : undefined,
            timestamp: ts,
            created,
          },
        );
      }),
  );
}

function summarySeries(om: boolean): fc.Arbitrary<MetricSeries[]> {
  const quantiles = fc
    .uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }).map(noNegativeZero), { maxLength: 4 })
    .map((qs) => [...qs].sort((a, b) => a - b));
  return uniqueByLabels(
    fc
      .record({
        labels,
        quantiles,
        values: fc.array(nonNegative, { minLength: 4, maxLength: 4 }),
        count: fc.option(fc.nat(), { nil: undefined }),
        sum: fc.option(nonNegative, { nil: undefined }),
        ts: optionalTs,
        created: om ? fc.option(timestampMs, { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ labels, quantiles, values, count, sum, ts, created }) =>
        withOptional<MetricSeries>(
          { labels, quantiles: quantiles.map((quantile, i) => ({ quantile, value: values[i] ?? 0 })) },
          // A summary point with neither quantiles nor count has no sample to write.
          { count: quantiles.length === 0 ? (count ?? 0) : count, sum, timestamp: ts, created },
        ),
      ),
  );
}

function statesetSeries(name: string): fc.Arbitrary<MetricSeries[]> {
  return fc
    .record({
      groups: fc.uniqueArray(labels, {
        maxLength: 3,
        selector: (l) => JSON.stringify(Object.entries(l).sort()),
      }),
      states: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 3 }),
      values: fc.array(fc.constantFrom(0, 1), { minLength: 3, maxLength: 3 }),
    })
    .map(({ groups, states, values }) =>
      groups.flatMap((g) =>
        states.map((state, i) => ({ labels: { ...g, [name]: state }, value: values[i] ?? 0 })),
      ),
    );
}

function seriesFor(type: MetricType, name: string, om: boolean): fc.Arbitrary<MetricSeries[]> {
  switch (type) {
    case 'counter':
      return counterSeries(om);
    case 'histogram':
      return histogramSeries(om, false);
    case 'gaugehistogram':
      return histogramSeries(om, true);
    case 'summary':
      return summarySeries(om);
    case 'stateset':
      return statesetSeries(name);
    case 'info':
      return uniqueByLabels(fc.record({ labels }).map(({ labels }) => ({ labels, value: 1 })));
    default:
      return valueSeries(anyValue);
  }
}

const TEXT_TYPES: MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'unknown'];
const OM_TYPES: MetricType[] = [...TEXT_TYPES, 'gaugehistogram', 'stateset', 'info'];

/** A list of valid, non-clashing families for `format`. */
export function familiesArb(format: ExpositionFormat): fc.Arbitrary<MetricFamily[]> {
  const om = format === 'openmetrics';
  const family = (index: number): fc.Arbitrary<MetricFamily> =>
    fc
      .record({
        type: fc.constantFrom(...(om ? OM_TYPES : TEXT_TYPES)),
        word: fc.stringMatching(/^[a-z]{1,6}$/),
        help: fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: undefined }),
        unit: om
          ? fc.option(fc.constantFrom('seconds', 'bytes'), { nil: undefined })
          : fc.constant(undefined),
      })
      .chain(({ type, word, help, unit }) => {
        const withUnit = unit !== undefined && type !== 'info' && type !== 'stateset';
        const name = `m${index}_${word}${withUnit ? `_${unit}` : ''}`;
        const cleanHelp = help === undefined || om ? help : help.replace(/^[ \t]+/, '');
        return seriesFor(type, name, om).map((series) => {
          const f: MetricFamily = {
            name,
            type,
            ...(cleanHelp !== undefined ? { help: cleanHelp } : {}),
            ...(withUnit ? { unit } : {}),
            series,
          };
          return f;
        });
      });
  return fc
    .integer({ min: 0, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => family(i))));
}
