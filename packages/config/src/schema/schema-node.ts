import type { Node } from 'yaml';
import type { FieldPath } from '../field-path.js';
import type { ParseContext } from './parse-context.js';

/** Marks a value that failed validation (its issues are already reported). */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | typeof INVALID;

/** A JSON Schema fragment. */
export type JsonSchema = { [key: string]: unknown };

/**
 * One node of the config schema. The same definition validates a YAML node
 * (reporting every issue to the context) and emits its JSON Schema, so the
 * editor schema and the validator never disagree.
 */
export interface SchemaNode<T = unknown> {
  /** What this value means; becomes the JSON Schema `description` and the docs text. */
  readonly description: string | undefined;
  /** Validates and normalizes `node` (already alias-resolved). */
  parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<T>;
  /** The JSON Schema (draft 2020-12) of this value. */
  jsonSchema(): JsonSchema;
  /** A short type name for docs, e.g. `duration` or `integer >= 0`. */
  typeName(): string;
}

/** The value a schema node yields once validated, e.g. `Infer<typeof appSchema>`. */
export type Infer<N> = N extends SchemaNode<infer T> ? T : never;

/** Flattens an intersection of object types into one, for readable inferred types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Adds the description (when any) to a JSON Schema fragment. */
export function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description === undefined ? schema : { description, ...schema };
}
