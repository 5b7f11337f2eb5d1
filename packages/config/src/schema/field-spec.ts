import type { SchemaNode } from './schema-node.js';

/**
 * How an object field behaves when absent: `required` (an error,
 * `GOV_CONFIG_MISSING_KEY`), `optional` (stays absent) or `default` (the
 * default is parsed as if written).
 */
export type Presence = 'required' | 'optional' | 'default';

/** One field of an object node; `T` is its validated value. */
export interface FieldSpec<T = unknown, P extends Presence = Presence> {
  readonly schema: SchemaNode<T>;
  readonly presence: P;
  /**
   * Value used when absent, written as in the YAML file (`5s`, `70%`, `{}`);
   * it goes through the field's schema like any written value.
   */
  readonly default?: unknown;
  /** How the docs describe a default that is computed from other fields. */
  readonly defaultText?: string;
}

/** A required field. */
export function required<T>(schema: SchemaNode<T>): FieldSpec<T, 'required'> {
  return { schema, presence: 'required' };
}

/** An optional field without default: absent stays absent. */
export function optional<T>(schema: SchemaNode<T>, defaultText?: string): FieldSpec<T, 'optional'> {
  return defaultText === undefined
    ? { schema, presence: 'optional' }
    : { schema, presence: 'optional', defaultText };
}

/** An optional field with a default, written as in the YAML file. */
export function withDefault<T>(schema: SchemaNode<T>, value: unknown): FieldSpec<T, 'default'> {
  return { schema, presence: 'default', default: value };
}

/** The fields of an object node by key. */
export type Fields = Readonly<Record<string, FieldSpec>>;

type ValueOf<S> = S extends FieldSpec<infer T> ? T : never;
type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends FieldSpec<unknown, 'optional'> ? K : never;
}[keyof F];

/**
 * The validated value of an object with `fields`: required and defaulted
 * fields are always present, optional ones may be absent.
 */
export type ObjectOf<F extends Fields> = {
  readonly [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K]>;
} & {
  readonly [K in OptionalKeys<F>]?: ValueOf<F[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;
