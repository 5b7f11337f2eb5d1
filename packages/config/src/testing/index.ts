export {
  appFrom,
  type ConfigSource,
  configFrom,
  type FixtureConfigOverrides,
  fixtureConfig,
} from './config-from.js';
