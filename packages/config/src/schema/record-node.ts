import { isMap, isNode, isScalar, type Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** A mapping from names of the caller's choosing to values of one schema. */
export interface RecordNode<T = unknown> extends SchemaNode<Readonly<Record<string, T>>> {
  readonly kind: 'record';
  readonly value: SchemaNode;
  readonly keyHint: string;
}

/** Options of {@link recordNode}. */
export interface RecordOptions {
  description?: string;
  /** Pattern every key must match (JSON Schema dialect). */
  keyPattern?: string;
  /** What a key is, for docs and messages, e.g. `region`. Default `name`. */
  keyHint?: string;
  /** Longest accepted key. Default 256. */
  keyMaxLength?: number;
}

/** A mapping `name -> value`. */
export function recordNode<T>(value: SchemaNode<T>, options?: RecordOptions): RecordNode<T>;
/** A mapping `name -> object` that copies each key into its object under `nameField`, e.g. `name`. */
export function recordNode<T extends object, N extends string>(
  value: SchemaNode<T>,
  options: RecordOptions & { nameField: N },
): RecordNode<T & { readonly [K in N]: string }>;
export function recordNode<T>(
  value: SchemaNode<T>,
  options: RecordOptions & { nameField?: string } = {},
): RecordNode<T> {
  const keyPattern = options.keyPattern === undefined ? undefined : new RegExp(options.keyPattern, 'u');
  const keyHint = options.keyHint ?? 'name';
  const keyMaxLength = options.keyMaxLength ?? 256;
  return {
    kind: 'record',
    value,
    keyHint,
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<Readonly<Record<string, T>>> {
      if (!isMap(node)) {
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a mapping, got ${describeNode(node)}`);
        return INVALID;
      }
      const out: Record<string, T> = {};
      let ok = true;
      for (const pair of node.items) {
        const keyNode = isNode(pair.key) ? pair.key : null;
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof key !== 'string' || (keyPattern !== undefined && !keyPattern.test(key))) {
          const shown = typeof key === 'string' ? `"${key}"` : describeNode(keyNode);
          const hint = options.keyPattern === undefined ? '' : ` matching ${options.keyPattern}`;
          ctx.report(
            'GOV_CONFIG_PATTERN',
            path,
            keyNode,
            `${shown} is not a valid ${keyHint} (expected a string${hint})`,
          );
          ok = false;
          continue;
        }
        if (key.length > keyMaxLength) {
          ctx.report(
            'GOV_CONFIG_RANGE',
            path,
            keyNode,
            `a ${keyHint} of ${key.length} characters; the most is ${keyMaxLength} ("${key.slice(0, 20)}...")`,
          );
          ok = false;
          continue;
        }
        const child = ctx.resolve(pair.value);
        const childPath = [...path, key];
        ctx.remember(childPath, child ?? keyNode);
        const parsed = value.parse(child, childPath, ctx);
        if (parsed === INVALID) {
          ok = false;
          continue;
        }
        // defineProperty, not assignment: a key such as `__proto__` is data, never the prototype.
        Object.defineProperty(out, key, {
          value:
            options.nameField !== undefined && typeof parsed === 'object' && parsed !== null
              ? { ...parsed, [options.nameField]: key }
              : parsed,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return ok ? out : INVALID;
    },
    jsonSchema(): JsonSchema {
      const schema: JsonSchema = { type: 'object', additionalProperties: value.jsonSchema() };
      schema.propertyNames =
        options.keyPattern === undefined
          ? { maxLength: keyMaxLength }
          : { pattern: options.keyPattern, maxLength: keyMaxLength };
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return `mapping of ${keyHint} to ${value.typeName()}`;
    },
  };
}
