import type { ConfigValues } from '../config-types.js';
import type { FieldValues } from '../schema/object-node.js';
import { INVALID, type Parsed } from '../schema/schema-node.js';

/** The root fields after schema parsing; any section may be INVALID (or absent). */
export type RootValues = FieldValues<ConfigValues>;

type AppValues = ConfigValues['apps'][number];

/** An app whose fields `K` parsed (each may still be absent); any other field may be INVALID. */
export type UsableApp<K extends keyof AppValues> = Omit<FieldValues<AppValues>, K> & {
  readonly [P in K]?: AppValues[P];
};

/** The value of a field when it parsed, else undefined. */
export function valid<T>(value: Parsed<T> | undefined): T | undefined {
  return value === INVALID ? undefined : value;
}

/**
 * The apps whose `fields` all parsed (an optional field may be absent), with
 * their index in the file. Apps are parsed field by field, so a rule still
 * checks an app whose other fields have errors.
 */
export function validApps<K extends keyof AppValues>(
  values: RootValues,
  fields: readonly K[],
): { app: UsableApp<K>; index: number }[] {
  const apps: readonly unknown[] = valid(values.apps) ?? [];
  return apps.flatMap((app, index) => (isUsable(app, fields) ? [{ app, index }] : []));
}

/**
 * Whether an item of `apps` has none of `fields` INVALID. The apps list is
 * parsed partly (see `arrayNode`'s `partial`): each item is INVALID or the
 * fields of the app that are present, each parsed or INVALID.
 */
function isUsable<K extends keyof AppValues>(app: unknown, fields: readonly K[]): app is UsableApp<K> {
  if (typeof app !== 'object' || app === null) return false;
  return fields.every((field) => !(field in app) || Reflect.get(app, field) !== INVALID);
}
