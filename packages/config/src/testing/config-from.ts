import { stringify } from 'yaml';
import { ConfigError } from '../config-error.js';
import { parseConfig } from '../parse-config.js';
import type { AppConfig, GovernorConfig } from '../types.js';

/**
 * Fixtures for tests and benchmarks, built by the real loader so that every
 * default stays the one the config documents. Inputs are written as a
 * config file would be (`5s`, `70%`); the loader validates and normalizes
 * them.
 */

/** A config file's content, as YAML text or as the plain object a YAML file holds. */
export type ConfigSource = string | Readonly<Record<string, unknown>>;

/**
 * Parses a whole config. Secrets referenced as `${ENV}` need not be set.
 *
 * @throws ConfigError with every issue when the config is invalid.
 */
export function configFrom(source: ConfigSource): GovernorConfig {
  const text = typeof source === 'string' ? source : stringify(source);
  const result = parseConfig(text, { file: '<fixture>', env: {}, checkEnv: false });
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}

/**
 * One app with every default the loader fills in, from its file fields.
 * Its provider (`local` unless `fields.provider` names another) is a local
 * provider of that name. `typed` fields then replace top-level fields as
 * they are, for values a config file cannot hold (an empty scaling-policy
 * list). The result is a fresh, mutable copy.
 *
 * @throws ConfigError when the fields are invalid.
 */
export function appFrom(
  fields: Readonly<Record<string, unknown>> & { readonly name: string },
  typed: Partial<AppConfig> = {},
): AppConfig {
  const provider = typeof fields.provider === 'string' ? fields.provider : 'local';
  const config = configFrom({
    version: 1,
    providers: { [provider]: { type: 'local', command: 'true', portRange: [9000, 9010] } },
    apps: [{ provider, ...fields }],
  });
  const app = config.apps[0];
  if (app === undefined) throw new Error('the fixture config has no app');
  return { ...structuredClone(app), ...typed };
}
