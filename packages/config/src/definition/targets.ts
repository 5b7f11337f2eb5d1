import { booleanNode } from '../schema/boolean-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { percentNode } from '../schema/percent-node.js';
import { stringNode } from '../schema/string-node.js';
import { taggedNode } from '../schema/tagged-node.js';
import { metricNameNode, NAME_PATTERN } from './common.js';

/** p50, p90 or p99. */
export const quantileNode = (description: string) => enumNode(['p50', 'p90', 'p99'], { description });

/** One entry of `apps[].targets`. */
export const targetSchema = taggedNode(
  {
    cpu: objectNode(
      {
        type: required(enumNode(['cpu'])),
        utilization: required(
          percentNode({ description: 'Average CPU utilisation per machine to hold.', positive: true }),
        ),
      },
      { description: 'Average CPU utilisation per machine, as a fraction of its limit.' },
    ),
    memory: objectNode(
      {
        type: required(enumNode(['memory'])),
        utilization: required(
          percentNode({ description: 'Average memory utilisation per machine to hold.', positive: true }),
        ),
      },
      { description: 'Average memory utilisation per machine (working set / limit).' },
    ),
    latency: objectNode(
      {
        type: required(enumNode(['latency'])),
        quantile: withDefault(quantileNode('Latency quantile, merged across machines.'), 'p99'),
        slo: required(durationNode({ description: 'The SLO, with a unit (`250ms`).', positive: true })),
        targetRatio: withDefault(
          percentNode({
            description: 'Fraction of the SLO the scaler tracks (scale out before a breach).',
            positive: true,
          }),
          '80%',
        ),
        scaling: withDefault(
          enumNode(['capacity', 'ratio'], {
            description:
              '`capacity`: machines = demand plus headroom over the capacity per machine learned at the SLO (a bounded ratio step until learned); `ratio`: HPA-style, in proportion to quantile / (SLO x targetRatio).',
          }),
          'capacity',
        ),
      },
      { description: 'A fleet latency quantile against an SLO.' },
    ),
    rps: objectNode(
      {
        type: required(enumNode(['rps'])),
        perMachine: required(numberNode({ description: 'Requests per second per machine.', above: 0 })),
      },
      { description: 'Requests per second per machine.' },
    ),
    connections: objectNode(
      {
        type: required(enumNode(['connections'])),
        perMachine: required(
          numberNode({ description: 'Open (established TCP) connections per machine to hold.', above: 0 }),
        ),
      },
      {
        description:
          "Open connections per machine: established TCP sockets the sidecar reads from the instance's socket tables, or the Prometheus source's `metrics.connections` gauge.",
      },
    ),
    custom: objectNode(
      {
        type: required(enumNode(['custom'])),
        metric: required(metricNameNode("The app's metric name (a gauge, or a counter taken as a rate).")),
        value: required(numberNode({ description: 'Target value per machine.', above: 0 })),
      },
      { description: 'A custom metric reported by the app, averaged per machine.' },
    ),
    query: objectNode(
      {
        type: required(enumNode(['query'])),
        name: required(
          stringNode({
            description: 'Name of the target in decisions (`query:<name>`), unique per app.',
            pattern: NAME_PATTERN,
            patternHint: 'a lowercase name (a-z, 0-9, - and _)',
          }),
        ),
        query: required(
          stringNode({
            description: 'A PromQL expression; its result series are summed into one fleet value.',
          }),
        ),
        perMachine: optional(
          numberNode({
            description: 'Fleet value one machine handles: machines = ceil(value / perMachine).',
            above: 0,
          }),
          'exactly one of `perMachine` and `value`',
        ),
        value: optional(
          numberNode({
            description: 'Target of the value taken as an average per machine (ratio to the ready machines).',
            above: 0,
          }),
          'exactly one of `perMachine` and `value`',
        ),
      },
      { description: "A PromQL expression read from the app's Prometheus source (`metrics.source`)." },
    ),
    queue: objectNode(
      {
        type: required(enumNode(['queue'])),
        queue: optional(
          stringNode({ description: 'BullMQ queue name: backlog = waiting + delayed (+ active).' }),
          'exactly one of `queue` and `list`',
        ),
        list: optional(
          stringNode({ description: 'Key of a plain Redis list: backlog = its length.' }),
          'exactly one of `queue` and `list`',
        ),
        prefix: withDefault(stringNode({ description: 'BullMQ key prefix.' }), 'bull'),
        includeActive: withDefault(
          booleanNode({ description: 'Count jobs being processed as backlog too.' }),
          false,
        ),
        perMachine: required(
          numberNode({
            description: 'Backlog one machine handles: machines = ceil(backlog / perMachine).',
            above: 0,
          }),
        ),
      },
      { description: "A queue backlog read from the app's Redis source (`metrics.source`)." },
    ),
  },
  { description: 'A metric target.' },
);
