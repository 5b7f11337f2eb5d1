export { appFrom, type ConfigSource, configFrom } from './config-from.js';
