import { booleanNode } from '../schema/boolean-node.js';
import { durationNode } from '../schema/duration-node.js';
import { withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';

/** `apps[].capacity`: the self-calibrating capacity model and its levers. */
export const capacitySchema = objectNode(
  {
    minWindows: withDefault(
      numberNode({
        description:
          'Collector windows of evidence (with rates spread at least 1.3x, or a breach seen) before the learned capacity is trusted; until then latency targets scale by a bounded ratio.',
        integer: true,
        min: 3,
      }),
      12,
    ),
    headroom: withDefault(
      booleanNode({
        description:
          "Headroom that follows the load's recent noise over the next machine's start time; false keeps a fixed margin (the latency target's targetRatio).",
      }),
      true,
    ),
    confidence: withDefault(
      numberNode({
        description: 'Standard deviations of the recent load noise kept as headroom.',
        above: 0,
      }),
      2,
    ),
    fastStarts: withDefault(
      booleanNode({
        description:
          "Size the warm pool from the load's largest recent rise within a boot time (at least `warmPool`), so scale-ups start stopped machines in seconds.",
      }),
      true,
    ),
    scaleDownMemory: withDefault(
      durationNode({
        description:
          'After a burst, keep the capacity it needed while bursts recur within this long, then scale down in one step; 0s turns it off.',
      }),
      '10m',
    ),
  },
  { description: "The capacity model learned from the app's own observations, and its levers." },
);
