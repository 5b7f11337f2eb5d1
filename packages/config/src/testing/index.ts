export {
  appFrom,
  type ConfigSource,
  configFrom,
  type FixtureConfigOverrides,
  fixtureConfig,
  scheduleFrom,
} from './config-from.js';
