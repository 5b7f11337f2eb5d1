import { arrayNode } from '../schema/array-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { alertingSchema } from './alerting.js';
import { appSchema } from './app.js';
import { collectorSchema } from './collector.js';
import { daemonSchema } from './daemon.js';
import { discoverySchema } from './discovery.js';
import { metricSourcesSchema } from './metric-sources.js';
import { providersSchema } from './providers.js';

/** The config file format version this package reads. */
export const CONFIG_VERSION = 1;

/** The whole config file: the one definition behind validation, JSON Schema and docs. */
export const governorSchema = objectNode(
  {
    version: required(
      numberNode({
        description: 'Config format version; must be 1.',
        integer: true,
        min: 1,
        max: CONFIG_VERSION,
      }),
    ),
    daemon: withDefault(daemonSchema, {}),
    collector: withDefault(collectorSchema, {}),
    providers: required(providersSchema),
    metricSources: withDefault(metricSourcesSchema, {}),
    apps: required(
      arrayNode(appSchema, { description: 'The apps Governor scales.', minItems: 1, partial: true }),
    ),
    alerting: optional(alertingSchema, 'no receivers, no runbook links'),
    discovery: withDefault(discoverySchema, {}),
  },
  { description: 'Governor policy and daemon config.' },
);
