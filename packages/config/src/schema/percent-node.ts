import { isScalar, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { PERCENT_PATTERN, parsePercent } from '../percent.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Options of {@link percentNode}; bounds are fractions (1 = 100%). */
export interface PercentOptions {
  description?: string;
  /** Inclusive upper bound. Default 1 (100%). */
  max?: number;
  /** Must be above zero. Default false. */
  positive?: boolean;
}

/** A percentage written `70%` or `0.7`, parsed to a fraction. */
export function percentNode(options: PercentOptions = {}): SchemaNode<number> {
  const max = options.max ?? 1;
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<number> {
      const raw = isScalar(node) ? node.value : undefined;
      if (typeof raw !== 'string' && typeof raw !== 'number') {
        ctx.report(
          'GOV_CONFIG_PERCENT',
          path,
          node,
          `expected a percentage such as 70% or 0.7, got ${describeNode(node)}`,
        );
        return INVALID;
      }
      let fraction: number;
      try {
        fraction = parsePercent(raw);
      } catch {
        ctx.report('GOV_CONFIG_PERCENT', path, node, `"${String(raw)}" is not a percentage (use 70% or 0.7)`);
        return INVALID;
      }
      if (fraction > max || (options.positive === true && fraction <= 0)) {
        const range = `${options.positive === true ? 'above 0%' : 'from 0%'} up to ${max * 100}%`;
        ctx.report('GOV_CONFIG_RANGE', path, node, `${String(raw)} is out of range (${range})`);
        return INVALID;
      }
      return fraction;
    },
    jsonSchema(): JsonSchema {
      return withDescription(
        {
          oneOf: [
            options.positive === true
              ? { type: 'number', exclusiveMinimum: 0, maximum: max }
              : { type: 'number', minimum: 0, maximum: max },
            { type: 'string', pattern: boundedPattern(max) },
          ],
        },
        options.description,
      );
    },
    typeName(): string {
      return `percent (0..${max * 100}%)`;
    },
  };
}

/**
 * A pattern for `N%` up to `max` (a fraction) when max x 100 is a power of
 * ten (100%, 1000%), so editors flag `150%` for a utilisation; otherwise any
 * `N%`.
 */
function boundedPattern(max: number): string {
  const limit = Math.round(max * 100);
  const digits = Math.log10(limit);
  if (!Number.isInteger(digits) || digits < 1) return PERCENT_PATTERN;
  return `^(${limit}(\\.0+)?|\\d{1,${digits}}(\\.\\d+)?)%$`;
}
