import { arrayNode } from '../schema/array-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { required, withDefault } from '../schema/field-spec.js';
import { objectNode } from '../schema/object-node.js';
import { percentNode } from '../schema/percent-node.js';
import { taggedNode } from '../schema/tagged-node.js';
import { machineCountNode } from './common.js';

const period = () =>
  required(durationNode({ description: 'Period the change is allowed in.', positive: true }));

const ratePolicySchema = taggedNode(
  {
    machines: objectNode(
      {
        type: required(enumNode(['machines'])),
        value: required(machineCountNode('Machines per period.', 1)),
        period: period(),
      },
      { description: 'At most `value` machines per `period`.' },
    ),
    percent: objectNode(
      {
        type: required(enumNode(['percent'])),
        value: required(
          percentNode({ description: 'Share of the current count per period.', positive: true, max: 10 }),
        ),
        period: period(),
      },
      { description: 'At most `value` (a percentage of the current count) per `period`.' },
    ),
  },
  { description: 'A rate policy.' },
);

function scalingRules(direction: string, window: string, policies: unknown[]) {
  return objectNode(
    {
      stabilizationWindow: withDefault(
        durationNode({ description: `Stabilization window for scaling ${direction}.` }),
        window,
      ),
      select: withDefault(
        enumNode(['max', 'min', 'disabled'], {
          description: 'Which policy wins when several apply; `disabled` forbids this direction.',
        }),
        'max',
      ),
      policies: withDefault(arrayNode(ratePolicySchema, { description: 'Rate policies.' }), policies),
      tolerance: withDefault(percentNode({ description: 'Tolerance around ratio 1.0.' }), '10%'),
    },
    { description: `How fast to scale ${direction}.` },
  );
}

/** `apps[].behavior`: HPA-style scale-up and scale-down rules. */
export const behaviorSchema = objectNode(
  {
    scaleUp: withDefault(
      scalingRules('up', '0s', [
        { type: 'percent', value: '100%', period: '15s' },
        { type: 'machines', value: 4, period: '15s' },
      ]),
      {},
    ),
    scaleDown: withDefault(
      scalingRules('down', '5m', [{ type: 'percent', value: '100%', period: '15s' }]),
      {},
    ),
  },
  { description: 'Scale-up and scale-down rules (Kubernetes HPA style).' },
);
