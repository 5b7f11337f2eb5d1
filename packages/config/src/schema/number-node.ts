import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import type { ParseContext } from './parse-context.js';
import { isNumber, scalarOf } from './scalar-value.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Options of {@link numberNode}. */
export interface NumberOptions {
  description?: string;
  /** Whole numbers only. Default false. */
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
}

/** A number (or integer) within optional bounds. */
export function numberNode(options: NumberOptions = {}): SchemaNode<number> {
  const kind = options.integer === true ? 'integer' : 'number';
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<number> {
      const value = scalarOf(node, isNumber, `${kind === 'integer' ? 'an integer' : 'a number'}`, path, ctx);
      if (value === INVALID) return INVALID;
      const problem = rangeProblem(value, options);
      if (problem !== undefined) {
        ctx.report('GOV_CONFIG_RANGE', path, node, problem);
        return INVALID;
      }
      return value;
    },
    jsonSchema(): JsonSchema {
      const schema: JsonSchema = { type: kind };
      if (options.min !== undefined) schema.minimum = options.min;
      if (options.above !== undefined) schema.exclusiveMinimum = options.above;
      if (options.max !== undefined) schema.maximum = options.max;
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return [kind, boundsText(options)].filter((s) => s !== '').join(' ');
    },
  };
}

function rangeProblem(value: number, options: NumberOptions): string | undefined {
  if (!Number.isFinite(value)) return `${value} is not a finite number`;
  if (options.integer === true && !Number.isInteger(value)) return `${value} is not a whole number`;
  if (options.integer === true && !Number.isSafeInteger(value)) {
    return `${value} is too large to be exact (integers must lie within ±${Number.MAX_SAFE_INTEGER})`;
  }
  if (options.min !== undefined && value < options.min) return `${value} is below the minimum ${options.min}`;
  if (options.above !== undefined && value <= options.above) return `${value} must be above ${options.above}`;
  if (options.max !== undefined && value > options.max) return `${value} is above the maximum ${options.max}`;
  return undefined;
}

/** `>= 0`, `> 0`, `0..1`: the bounds of a number, for docs. */
export function boundsText(options: { min?: number; above?: number; max?: number }): string {
  if (options.min !== undefined && options.min === options.max) return `= ${options.min}`;
  if (options.min !== undefined && options.max !== undefined) return `${options.min}..${options.max}`;
  const parts: string[] = [];
  if (options.min !== undefined) parts.push(`>= ${options.min}`);
  if (options.above !== undefined) parts.push(`> ${options.above}`);
  if (options.max !== undefined) parts.push(`<= ${options.max}`);
  return parts.join(', ');
}
