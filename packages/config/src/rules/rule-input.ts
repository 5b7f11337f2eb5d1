import type { Parsed } from '../schema/schema-node.js';
import { INVALID } from '../schema/schema-node.js';

/** A loosely typed object from the schema (valid unless INVALID). */
export type Loose = Record<string, unknown>;

/** The value of a field when it parsed, else undefined. */
export function valid<T = Loose>(value: Parsed<unknown> | undefined): T | undefined {
  return value === INVALID || value === undefined ? undefined : (value as T);
}

/** The root fields after schema parsing; any section may be INVALID. */
export type RootValues = Record<string, Parsed<unknown>>;

/** Apps that parsed, with their index in the file. */
export function validApps(values: RootValues): { app: Loose; index: number }[] {
  const apps = valid<Parsed<unknown>[]>(values.apps) ?? [];
  return apps.flatMap((app, index) => (app === INVALID ? [] : [{ app: app as Loose, index }]));
}
