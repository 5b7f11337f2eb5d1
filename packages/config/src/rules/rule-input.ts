import type { Parsed } from '../schema/schema-node.js';
import { INVALID } from '../schema/schema-node.js';

/** A loosely typed object from the schema. */
export type Loose = Record<string, unknown>;

/** The value of a field when it parsed, else undefined. */
export function valid<T = Loose>(value: Parsed<unknown> | undefined): T | undefined {
  return value === INVALID || value === undefined ? undefined : (value as T);
}

/** The root fields after schema parsing; any section may be INVALID. */
export type RootValues = Record<string, Parsed<unknown>>;

/**
 * The apps whose `fields` all parsed (an optional field may be absent), with
 * their index in the file. Apps are parsed field by field, so a rule still
 * checks an app whose other fields have errors.
 */
export function validApps(values: RootValues, fields: readonly string[]): { app: Loose; index: number }[] {
  const apps = valid<Parsed<unknown>[]>(values.apps) ?? [];
  return apps.flatMap((app, index) => {
    if (app === INVALID || typeof app !== 'object' || app === null) return [];
    const usable = fields.every((field) => (app as Loose)[field] !== INVALID);
    return usable ? [{ app: app as Loose, index }] : [];
  });
}
