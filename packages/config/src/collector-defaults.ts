import { buildCollector } from './build-config.js';
import type { CollectorConfig } from './config-types.js';
import { deepFreeze } from './deep-freeze.js';
import { collectorSchema } from './definition/collector.js';
import { schemaDefaults } from './schema/schema-defaults.js';

/**
 * The collector settings of a config file without a `collector` section:
 * the schema's defaults, for a sidecar started without a policy file.
 */
export function defaultCollectorConfig(): CollectorConfig {
  return deepFreeze(buildCollector(schemaDefaults(collectorSchema)));
}
