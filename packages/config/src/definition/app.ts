import { arrayNode } from '../schema/array-node.js';
import { booleanNode } from '../schema/boolean-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { objectNode } from '../schema/object-node.js';
import { percentNode } from '../schema/percent-node.js';
import { recordNode } from '../schema/record-node.js';
import { stringNode } from '../schema/string-node.js';
import {
  burstSchema,
  cooldownSchema,
  fallbackSchema,
  predictiveSchema,
  regionBoundsSchema,
  scaleToZeroSchema,
  scheduleSchema,
  stepSchema,
} from './app-extras.js';
import { behaviorSchema } from './behavior.js';
import { capacitySchema } from './capacity.js';
import { labelNameNode, machineCountNode, metricNameNode, nameNode, urlNode } from './common.js';
import { REGION_PATTERN } from './providers.js';
import { quantileNode, targetSchema } from './targets.js';

const severity = (description: string) => enumNode(['critical', 'warning', 'info'], { description });

const alertsSchema = objectNode(
  {
    slo: optional(
      durationNode({ description: 'Latency SLO for alerting.', positive: true }),
      "the latency target's SLO",
    ),
    sloQuantile: optional(
      quantileNode('Quantile the SLO applies to.'),
      "the latency target's quantile, else p99",
    ),
    errorRatio: withDefault(
      percentNode({ description: 'Error ratio above which the error-rate alert fires.' }),
      '5%',
    ),
    severities: withDefault(
      objectNode(
        {
          page: withDefault(severity('Severity of alerts that page.'), 'critical'),
          ticket: withDefault(severity('Severity of alerts that open a ticket.'), 'warning'),
        },
        { description: 'Severity per alert class.' },
      ),
      {},
    ),
    receivers: withDefault(
      arrayNode(stringNode({ description: 'A receiver name.' }), {
        description: "Receiver names (from `alerting.receivers`) for this app's notifications.",
      }),
      [],
    ),
    labels: withDefault(
      recordNode(stringNode({ description: 'Label value.' }), {
        description: 'Extra labels on every alert of this app (team, service).',
        keyPattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
        keyHint: 'label',
      }),
      {},
    ),
  },
  { description: 'Alert settings of the app.' },
);

const metricsSchema = objectNode(
  {
    latencyHistogram: optional(metricNameNode('Latency histogram base name.'), 'auto-detect common names'),
    requestsTotal: optional(metricNameNode('Request counter.'), "the histogram's `_count`, or auto-detect"),
    statusLabel: optional(
      labelNameNode('Label holding the HTTP status code.'),
      'auto-detect `status_code`, `code`, `status`, `http_response_status_code`',
    ),
    source: optional(
      stringNode({ description: 'Name of an entry of `metricSources` to read metrics from.' }),
      'the sidecar collectors',
    ),
    inFlight: optional(
      metricNameNode('Gauge of requests in flight; served as the instance load by discovery.'),
      'none',
    ),
    custom: withDefault(
      arrayNode(metricNameNode('A metric name.'), {
        description: 'Custom metrics to carry in snapshots (custom targets are added automatically).',
      }),
      [],
    ),
  },
  { description: "Where the app's metrics come from, and the metric names read from its endpoint." },
);

const scrapeSchema = objectNode(
  {
    targets: withDefault(
      arrayNode(urlNode('A scrape URL.'), {
        description: "Extra scrape targets besides the instance's own metrics endpoint.",
      }),
      [],
    ),
    interval: optional(
      durationNode({ description: 'Scrape interval.', positive: true }),
      'collector.scrapeInterval',
    ),
    timeout: optional(
      durationNode({ description: 'Scrape timeout.', positive: true }),
      'collector.scrapeTimeout',
    ),
  },
  { description: 'Scrape overrides for this app.' },
);

/** One entry of `apps`. */
export const appSchema = objectNode(
  {
    name: required(nameNode('App name, unique in the file.')),
    provider: required(stringNode({ description: 'Name of an entry of `providers`.' })),
    mode: withDefault(
      enumNode(['active', 'shadow', 'paused'], {
        description: '`active` acts, `shadow` decides and logs only, `paused` does neither.',
      }),
      'active',
    ),
    min: required(machineCountNode('Fewest machines.')),
    max: required(machineCountNode('Most machines.', 1)),
    regions: withDefault(
      recordNode(regionBoundsSchema, {
        description: 'Per-region bounds; empty means a single implicit region.',
        keyPattern: '^[a-z][a-z0-9-]*$',
        keyHint: 'region',
      }),
      {},
    ),
    targets: required(arrayNode(targetSchema, { description: 'Metric targets; the largest proposal wins.' })),
    behavior: withDefault(behaviorSchema, {}),
    cooldown: withDefault(cooldownSchema, {}),
    fallback: optional(fallbackSchema),
    burst: optional(burstSchema),
    scaleToZero: optional(scaleToZeroSchema),
    steps: withDefault(arrayNode(stepSchema, { description: 'Threshold step rules.' }), []),
    schedules: withDefault(arrayNode(scheduleSchema, { description: 'Scheduled min/max overrides.' }), []),
    warmPool: withDefault(
      machineCountNode('Stopped machines kept ready beyond the running count; at most `max`.'),
      0,
    ),
    park: withDefault(
      enumNode(['stop', 'suspend'], {
        description:
          'How a machine scaled down into the warm pool is parked: `stop` (its next start boots the image) or `suspend` (its memory is kept and it resumes in about a second on Fly; the local provider freezes the process group). Kubernetes removes the pod either way.',
      }),
      'stop',
    ),
    hpaCompatible: withDefault(
      booleanNode({ description: 'Kubernetes HPA-compatible arithmetic (integer percent utilisation).' }),
      false,
    ),
    alerts: withDefault(alertsSchema, {}),
    metrics: withDefault(metricsSchema, {}),
    scrape: withDefault(scrapeSchema, {}),
    predictive: optional(predictiveSchema),
    capacity: withDefault(capacitySchema, {}),
  },
  { description: 'An app: its bounds, targets and scaling behaviour.' },
);

export { REGION_PATTERN };
