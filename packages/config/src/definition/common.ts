import { numberNode } from '../schema/number-node.js';
import { stringNode } from '../schema/string-node.js';

/**
 * The most machines any count in the config may name (app and region
 * bounds, warm pool, schedules, rate policies): a typo must not become an
 * order for millions of machines.
 */
export const MAX_MACHINES = 10_000;

/** The longest name (apps, providers, receivers): a DNS label's 63 characters. */
export const MAX_NAME_LENGTH = 63;

/** A machine count from `min` to {@link MAX_MACHINES}. */
export function machineCountNode(description: string, min = 0) {
  return numberNode({ description, integer: true, min, max: MAX_MACHINES });
}

/** `host:port`, e.g. `127.0.0.1:9470` or `[::1]:9470`. */
export function hostPortNode(description: string) {
  return stringNode({
    description,
    pattern: '^(\\[[0-9a-fA-F:.]+\\]|[^\\s:\\[\\]]+):[0-9]{1,5}$',
    patternHint: 'a host:port address',
    check: (value) => {
      const port = Number(value.slice(value.lastIndexOf(':') + 1));
      return port <= 65535 ? undefined : `port ${port} is above 65535`;
    },
  });
}

/** An absolute http(s) URL. */
export function urlNode(description: string) {
  return stringNode({
    description,
    pattern: '^https?://',
    patternHint: 'an http(s) URL',
    format: 'uri',
    check: (value) => (URL.canParse(value) ? undefined : `"${value}" is not a valid URL`),
  });
}

/** A lowercase name used as a key or reference (apps, providers, receivers). */
export const NAME_PATTERN = '^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$';

/** A name node. */
export function nameNode(description: string) {
  return stringNode({
    description,
    pattern: NAME_PATTERN,
    patternHint: 'a lowercase name (a-z, 0-9, - and _)',
    maxLength: MAX_NAME_LENGTH,
  });
}

/** A Prometheus metric name. */
export function metricNameNode(description: string) {
  return stringNode({
    description,
    pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
    patternHint: 'a Prometheus metric name',
  });
}

/** A Prometheus label name. */
export function labelNameNode(description: string) {
  return stringNode({
    description,
    pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
    patternHint: 'a Prometheus label name',
  });
}

/** An HTTP path starting with `/`. */
export function httpPathNode(description: string) {
  return stringNode({ description, pattern: '^/', patternHint: 'an HTTP path starting with /' });
}
