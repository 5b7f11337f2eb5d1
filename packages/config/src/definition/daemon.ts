import { booleanNode } from '../schema/boolean-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { secretNode } from '../schema/secret-node.js';
import { hostPortNode } from './common.js';

/** `daemon`: how the autoscaler process runs. */
export const daemonSchema = objectNode(
  {
    mode: withDefault(
      enumNode(['standalone', 'cluster'], {
        description:
          '`standalone`: in-memory bus, in-process actions. `cluster`: Redis Streams, leader lease, BullMQ.',
      }),
      'standalone',
    ),
    redisUrl: optional(secretNode({ description: 'Redis URL by env reference; required in cluster mode.' })),
    listen: withDefault(hostPortNode('HTTP listen address of the autoscaler API.'), '127.0.0.1:9470'),
    tickInterval: withDefault(
      durationNode({ description: 'Autoscaler tick interval.', positive: true }),
      '5s',
    ),
    logLevel: withDefault(
      enumNode(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], { description: 'Log level.' }),
      'info',
    ),
    apiToken: optional(
      secretNode({ description: 'Bearer token for mutating API calls; without it, mutations are refused.' }),
    ),
    publicReads: withDefault(
      booleanNode({
        description:
          'Serve the read API without a token on a non-loopback `listen`; without it (or `apiToken`) such a listen address is refused.',
      }),
      false,
    ),
    leaseTtl: withDefault(
      durationNode({ description: 'Leader lease TTL (cluster mode).', positive: true }),
      '10s',
    ),
    shards: withDefault(
      numberNode({
        description:
          'Shards the apps are split into (cluster mode): each shard has its own lease, and replicas share the shards.',
        integer: true,
        min: 1,
        max: 1024,
      }),
      64,
    ),
    historySize: withDefault(
      numberNode({ description: 'Decisions kept per app in history.', integer: true, min: 1, max: 100_000 }),
      500,
    ),
  },
  { description: 'How the daemon runs.' },
);
