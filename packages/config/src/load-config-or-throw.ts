import { ConfigError } from './config-error.js';
import type { GovernorConfig } from './config-types.js';
import { type LoadConfigOptions, loadConfigFile } from './load-config-file.js';

/**
 * Reads and validates a config file.
 *
 * @throws ConfigError with every issue when the file is unreadable or invalid.
 */
export function loadConfigOrThrow(path: string, options: LoadConfigOptions = {}): GovernorConfig {
  const result = loadConfigFile(path, options);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}
