import { isScalar, type Node } from 'yaml';
import { DURATION_PATTERN, parseDuration } from '../duration.js';
import type { FieldPath } from '../field-path.js';
import { PERCENT_PATTERN, parsePercent } from '../percent.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/**
 * A step threshold: a plain number, a percentage (`80%`, as a fraction) or a
 * duration (`300ms`, as ms), whichever suits the step's metric.
 */
export function thresholdNode(description: string): SchemaNode<number> {
  return {
    description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<number> {
      const raw = isScalar(node) ? node.value : undefined;
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      if (typeof raw === 'string') {
        if (raw.trim().endsWith('%')) {
          try {
            return parsePercent(raw);
          } catch {}
        } else {
          try {
            return parseDuration(raw);
          } catch {}
        }
      }
      ctx.report(
        'GOV_CONFIG_TYPE',
        path,
        node,
        `expected a number, a percentage or a duration, got ${describeNode(node)}`,
      );
      return INVALID;
    },
    jsonSchema(): JsonSchema {
      return withDescription(
        {
          oneOf: [
            { type: 'number' },
            { type: 'string', pattern: PERCENT_PATTERN },
            { type: 'string', pattern: DURATION_PATTERN },
          ],
        },
        description,
      );
    },
    typeName(): string {
      return 'number, percent or duration';
    },
  };
}
