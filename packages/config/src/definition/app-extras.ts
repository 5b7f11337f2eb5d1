import { arrayNode } from '../schema/array-node.js';
import { booleanNode } from '../schema/boolean-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { percentNode } from '../schema/percent-node.js';
import { stringNode } from '../schema/string-node.js';
import { thresholdNode } from '../schema/threshold-node.js';
import { MAX_MACHINES, machineCountNode } from './common.js';

/** The longest schedule window: a year and a day (it reaches no timer, only a bounded look-back). */
const MAX_SCHEDULE_MS = 366 * 86_400_000;

const count = (description: string) => machineCountNode(description);

/** `apps[].cooldown`. */
export const cooldownSchema = objectNode(
  {
    up: withDefault(
      durationNode({ description: 'Time after any scale event before another scale-up.' }),
      '0s',
    ),
    down: withDefault(
      durationNode({ description: 'Time after any scale event before another scale-down.' }),
      '0s',
    ),
  },
  { description: 'Cooldowns after a scale event.' },
);

/** `apps[].fallback`. */
export const fallbackSchema = objectNode(
  {
    machines: required(count('Machines to run while metrics are missing.')),
    afterFailures: withDefault(
      numberNode({
        description: 'Consecutive ticks without usable metrics before falling back.',
        integer: true,
        min: 1,
      }),
      3,
    ),
  },
  { description: 'What to run when metrics are missing.' },
);

/** `apps[].burst`. */
export const burstSchema = objectNode(
  {
    threshold: withDefault(
      numberNode({
        description: "Enter burst when a metric's ratio to its target exceeds this multiple.",
        above: 1,
      }),
      2,
    ),
    window: withDefault(
      durationNode({
        description: 'How long burst mode lasts once entered; no scale-down meanwhile.',
        positive: true,
      }),
      '1m',
    ),
  },
  { description: 'Burst (panic) mode.' },
);

/** `apps[].scaleToZero`. */
export const scaleToZeroSchema = objectNode(
  {
    enabled: withDefault(booleanNode({ description: 'Allow zero machines (min may be 0).' }), true),
    activationRps: withDefault(
      numberNode({ description: 'Requests per second at the edge that wake the app from zero.', min: 0 }),
      0,
    ),
    idleAfter: withDefault(
      durationNode({ description: 'Idle time with no requests before going to zero.', positive: true }),
      '5m',
    ),
  },
  { description: 'Scale to zero when idle.' },
);

/** `apps[].steps[]`. */
export const stepSchema = objectNode(
  {
    metric: required(
      enumNode(['cpu', 'memory', 'latency', 'rps', 'errors', 'custom'], { description: 'Signal.' }),
    ),
    name: optional(
      stringNode({ description: 'For `custom`: the metric name. For `latency`: p50, p90 or p99.' }),
      'p99 for latency',
    ),
    above: optional(thresholdNode('Fires while the signal is above this (number, `80%` or `300ms`).')),
    below: optional(thresholdNode('Fires while the signal is below this (number, `20%` or `100ms`).')),
    for: required(durationNode({ description: 'How long the condition must hold.' })),
    change: required(
      numberNode({
        description: 'Machines to add (positive) or remove (negative).',
        integer: true,
        min: -MAX_MACHINES,
        max: MAX_MACHINES,
      }),
    ),
  },
  { description: 'A threshold step rule, e.g. cpu above 80% for 2m -> +2.' },
);

/** `apps[].schedules[]`. */
export const scheduleSchema = objectNode(
  {
    name: optional(stringNode({ description: 'A label for logs and decisions.' })),
    cron: required(
      stringNode({ description: 'Standard 5-field cron expression for the start of the window.' }),
    ),
    timezone: withDefault(stringNode({ description: 'IANA time zone.' }), 'UTC'),
    duration: required(durationNode({ description: 'Window length.', positive: true, max: MAX_SCHEDULE_MS })),
    min: optional(count('Minimum during the window (overrides the app min).')),
    max: optional(count('Maximum during the window (overrides the app max).')),
  },
  { description: 'A time window that overrides min and max.' },
);

/** `apps[].predictive`. */
export const predictiveSchema = objectNode(
  {
    enabled: withDefault(booleanNode({ description: 'Use the forecast as a floor.' }), true),
    seasons: withDefault(
      arrayNode(durationNode({ description: 'A seasonal period.', positive: true }), {
        description: 'Seasonal periods.',
        minItems: 1,
      }),
      ['1d'],
    ),
    lead: withDefault(durationNode({ description: 'How far ahead to provision.' }), '1m'),
    maxError: withDefault(
      percentNode({ description: 'Forecast error (MAPE) above which the forecast is ignored.' }),
      '30%',
    ),
    headroom: withDefault(numberNode({ description: 'Headroom multiplier on the forecast.', min: 1 }), 1.1),
  },
  { description: 'Predictive scaling (seasonality-aware floor).' },
);

/** `apps[].regions.<region>`. */
export const regionBoundsSchema = objectNode(
  {
    min: withDefault(count('Minimum machines in this region.'), 0),
    max: optional(count('Maximum machines in this region.'), "the app's max"),
    weight: withDefault(
      numberNode({
        description: 'Share of new machines placed here when deciding for the whole app.',
        above: 0,
      }),
      1,
    ),
  },
  { description: 'Bounds of one region.' },
);
