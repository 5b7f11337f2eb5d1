/** `T` with every field optional, recursively; functions are kept whole. */
export type DeepPartial<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * A fixture of type `T` that gives only the fields the code under test reads.
 * The fields it gives are type-checked against `T`; reading a field it left
 * out yields undefined, so keep such fixtures next to the one test that uses
 * them.
 */
export function partialFixture<T>(fields: DeepPartial<T>): T {
  const value: unknown = fields;
  return value as T;
}

/**
 * A value passed where a `T` is expected although it is not one: for tests
 * that check that runtime validation rejects what the types forbid.
 */
export function malformed<T>(value: unknown): T {
  return value as T;
}
