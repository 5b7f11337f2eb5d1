import { arrayNode } from '../schema/array-node.js';
import { durationNode } from '../schema/duration-node.js';
import { withDefault } from '../schema/field-spec.js';
import { objectNode } from '../schema/object-node.js';
import { recordNode } from '../schema/record-node.js';
import { stringNode } from '../schema/string-node.js';

const REGION_PATTERN = '^[a-z][a-z0-9-]*$';

/** `discovery`: the fleet's live instance list served at `/v1/apps/:app/instances`. */
export const discoverySchema = objectNode(
  {
    regionOrder: withDefault(
      recordNode(
        arrayNode(stringNode({ description: 'A region, nearest first.', pattern: REGION_PATTERN }), {
          description: 'The other regions, nearest first.',
        }),
        {
          description:
            'Fallback order per region for `near=`: after the region itself, these regions in this order, then any other region by name.',
          keyPattern: REGION_PATTERN,
          keyHint: 'region',
        },
      ),
      {},
    ),
    drainDelay: withDefault(
      durationNode({
        description:
          'How long a machine is listed as draining before the provider stops it on a scale-down, so clients move away first (0 stops at once).',
      }),
      '2s',
    ),
    watchInterval: withDefault(
      durationNode({
        description: 'How often the API compares the instance list with the last one it sent to watchers.',
        positive: true,
      }),
      '1s',
    ),
  },
  { description: 'Discovery: the live instance list for clients of the fleet.' },
);
