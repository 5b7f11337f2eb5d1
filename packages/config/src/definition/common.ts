import { stringNode } from '../schema/string-node.js';

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
