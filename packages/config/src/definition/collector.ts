import { durationNode } from '../schema/duration-node.js';
import { optional, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { percentNode } from '../schema/percent-node.js';

/** `collector`: scrape and summary defaults of the sidecar collectors. */
export const collectorSchema = objectNode(
  {
    scrapeInterval: withDefault(durationNode({ description: 'Scrape interval.', positive: true }), '5s'),
    scrapeTimeout: withDefault(
      durationNode({ description: 'Scrape timeout; must be below the interval.', positive: true }),
      '2s',
    ),
    window: withDefault(
      durationNode({ description: 'Summary window (one snapshot per window).', positive: true }),
      '15s',
    ),
    jitter: withDefault(
      percentNode({ description: 'Random jitter added to each scrape, as a fraction of the interval.' }),
      '10%',
    ),
    maxBodyBytes: withDefault(
      numberNode({
        description: 'Largest accepted scrape body in bytes.',
        integer: true,
        min: 1,
        max: 1_073_741_824,
      }),
      10_485_760,
    ),
    maxSeries: withDefault(
      numberNode({
        description: 'Largest accepted number of series per scrape.',
        integer: true,
        min: 1,
        max: 10_000_000,
      }),
      50_000,
    ),
    staleAfter: optional(
      durationNode({ description: 'A snapshot older than this is stale.', positive: true }),
      '3 x window',
    ),
    heartbeatTtl: withDefault(
      durationNode({ description: 'Registry heartbeat TTL.', positive: true }),
      '30s',
    ),
  },
  { description: 'Collector defaults; apps may override scrape settings.' },
);
