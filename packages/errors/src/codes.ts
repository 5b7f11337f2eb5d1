import { ACTION_CODES } from './codes/actions.js';
import { BUS_CODES } from './codes/bus.js';
import { CLI_CODES } from './codes/cli.js';
import { COLLECTOR_CODES } from './codes/collector.js';
import { CONFIG_CODES } from './codes/config.js';
import { METRICS_CODES } from './codes/metrics.js';
import { PROVIDER_CODES } from './codes/providers.js';
import { SCALER_CODES } from './codes/scaler.js';
import { SERVICE_CODES } from './codes/services.js';
import { SOURCE_CODES } from './codes/sources.js';

/**
 * Every error code Governor can report, with its one-line summary. Codes are
 * stable: never renumber or reuse one. Each domain declares its codes in
 * `codes/<domain>.ts`; docs/errors.md lists them all and a test keeps the two
 * in step.
 */
export const ERROR_CODES = {
  ...CONFIG_CODES,
  ...METRICS_CODES,
  ...SCALER_CODES,
  ...PROVIDER_CODES,
  ...BUS_CODES,
  ...ACTION_CODES,
  ...COLLECTOR_CODES,
  ...SERVICE_CODES,
  ...SOURCE_CODES,
  ...CLI_CODES,
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;
