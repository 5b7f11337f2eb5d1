import { isMap, isNode, isScalar, type Node, Document as YamlDocument } from 'yaml';
import type { FieldPath } from '../field-path.js';
import { suggest } from '../suggest.js';
import { describeNode } from './describe-node.js';
import type { Fields, ObjectOf } from './field-spec.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Some fields of a `T`, each parsed or INVALID. */
export type FieldValues<T> = { readonly [K in keyof T]?: Parsed<T[K]> };

/**
 * The result of parsing an object field by field (see {@link ObjectNode.parseFields}):
 * the whole value when every field parsed, else the fields that are present
 * or defaulted (failed ones hold INVALID).
 */
export type FieldResults<T> =
  | { readonly ok: true; readonly values: T }
  | { readonly ok: false; readonly values: FieldValues<T> };

/** The value of any object node. */
export type ObjectValue = Readonly<Record<string, unknown>>;

/** A strict mapping with known fields: unknown keys are errors with a "did you mean". */
export interface ObjectNode<T extends ObjectValue = ObjectValue> extends SchemaNode<T> {
  readonly kind: 'object';
  readonly fields: Fields;
  /** Parses field by field, so a caller can use the fields that are valid. */
  parseFields(node: Node | null, path: FieldPath, ctx: ParseContext): FieldResults<T>;
}

const scratch = new YamlDocument();

/** A node for a default value, written as it would be in the file. */
export function defaultNode(value: unknown): Node | null {
  const node = scratch.createNode(value);
  return isNode(node) ? node : null;
}

/** A strict mapping of `fields`. */
export function objectNode<F extends Fields>(
  fields: F,
  options: { description?: string } = {},
): ObjectNode<ObjectOf<F>> {
  const names = Object.keys(fields);
  const self: ObjectNode<ObjectOf<F>> = {
    kind: 'object',
    fields,
    description: options.description,
    parseFields(node, path, ctx) {
      const values: Record<string, Parsed<unknown>> = {};
      if (!isMap(node)) {
        ctx.report('GOV_CONFIG_TYPE', path, node, `expected a mapping, got ${describeNode(node)}`);
        return { ok: false, values: {} };
      }
      let ok = true;
      const suggested = new Set<string>();
      for (const pair of node.items) {
        const keyNode = isNode(pair.key) ? pair.key : null;
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof key !== 'string') {
          ctx.report('GOV_CONFIG_TYPE', path, keyNode, `keys must be strings, got ${describeNode(keyNode)}`);
          ok = false;
          continue;
        }
        const field = fields[key];
        if (field === undefined || !Object.hasOwn(fields, key)) {
          const hint = suggest(key, names);
          if (hint !== undefined) suggested.add(hint);
          ctx.report('GOV_CONFIG_UNKNOWN_KEY', [...path, key], keyNode, `unknown key "${key}"`, hint);
          ok = false;
          continue;
        }
        const childPath = [...path, key];
        const child = ctx.resolve(pair.value);
        ctx.remember(childPath, child ?? keyNode);
        const value = field.schema.parse(child, childPath, ctx);
        values[key] = value;
        if (value === INVALID) ok = false;
      }
      for (const [key, field] of Object.entries(fields)) {
        if (Object.hasOwn(values, key)) continue;
        if (field.presence === 'required' && suggested.has(key)) {
          // A misspelling of this key was reported with its suggestion; one issue is enough.
          ok = false;
        } else if (field.presence === 'required') {
          ctx.report('GOV_CONFIG_MISSING_KEY', [...path, key], node, `missing required key "${key}"`);
          ok = false;
        } else if (field.presence === 'default') {
          const value = field.schema.parse(defaultNode(field.default), [...path, key], ctx);
          values[key] = value;
          if (value === INVALID) ok = false;
        }
      }
      // Each value went through its field's schema above; what TypeScript cannot follow is that,
      // when `ok`, `values` holds every required and defaulted key. The object's type rests here.
      return ok ? { ok, values: values as ObjectOf<F> } : { ok, values: values as FieldValues<ObjectOf<F>> };
    },
    parse(node, path, ctx): Parsed<ObjectOf<F>> {
      const results = self.parseFields(node, path, ctx);
      return results.ok ? results.values : INVALID;
    },
    jsonSchema(): JsonSchema {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, field] of Object.entries(fields)) {
        const schema = field.schema.jsonSchema();
        properties[key] = field.default === undefined ? schema : { ...schema, default: field.default };
      }
      const requiredKeys = names.filter((key) => fields[key]?.presence === 'required');
      const schema: JsonSchema = { type: 'object', additionalProperties: false, properties };
      if (requiredKeys.length > 0) schema.required = requiredKeys;
      return withDescription(schema, options.description);
    },
    typeName(): string {
      return 'mapping';
    },
  };
  return self;
}
