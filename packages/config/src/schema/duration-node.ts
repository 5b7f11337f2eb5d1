import { isScalar, type Node } from 'yaml';
import { DURATION_PATTERN, parseDuration } from '../duration.js';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import { boundsText } from './number-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Options of {@link durationNode}; bounds are in ms. */
export interface DurationOptions {
  description?: string;
  /** Must be above zero. Default false (zero allowed). */
  positive?: boolean;
  /** Inclusive upper bound in ms. */
  max?: number;
}

/** A duration written with a unit (`500ms`, `30s`, `5m`, `1h`, `1d`), parsed to ms. */
export function durationNode(options: DurationOptions = {}): SchemaNode<number> {
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<number> {
      if (!isScalar(node) || typeof node.value !== 'string') {
        const unitless = isScalar(node) && typeof node.value === 'number';
        const message = unitless
          ? `${String(node.value)} has no unit: write a duration such as 500ms, 30s, 5m or 1h`
          : `expected a duration such as 30s, got ${describeNode(node)}`;
        ctx.report('GOV_CONFIG_DURATION', path, node, message);
        return INVALID;
      }
      let ms: number;
      try {
        ms = parseDuration(node.value);
      } catch {
        ctx.report(
          'GOV_CONFIG_DURATION',
          path,
          node,
          `"${node.value}" is not a duration (use 500ms, 30s, 5m, 1h)`,
        );
        return INVALID;
      }
      if (options.positive === true && ms <= 0) {
        ctx.report('GOV_CONFIG_RANGE', path, node, `must be longer than zero, got "${node.value}"`);
        return INVALID;
      }
      if (options.max !== undefined && ms > options.max) {
        ctx.report(
          'GOV_CONFIG_RANGE',
          path,
          node,
          `"${node.value}" is longer than the maximum ${options.max}ms`,
        );
        return INVALID;
      }
      return ms;
    },
    jsonSchema(): JsonSchema {
      return withDescription({ type: 'string', pattern: DURATION_PATTERN }, options.description);
    },
    typeName(): string {
      const bounds = boundsText({ above: options.positive === true ? 0 : undefined, max: options.max });
      return bounds === '' ? 'duration' : `duration ${bounds.replace(/(\d+)$/, '$1ms')}`;
    },
  };
}
