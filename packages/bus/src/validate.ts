import { GovernorError } from '@governor/errors';
import { type InstanceSnapshot, SNAPSHOT_VERSION } from '@governor/metrics';
import type { InstanceInfo } from './instance-registry.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

/** Why `value` is not a publishable snapshot, or undefined when it is. */
function snapshotProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  if (value.version !== SNAPSHOT_VERSION)
    return `version ${String(value.version)} is not ${SNAPSHOT_VERSION}`;
  for (const k of ['app', 'instance', 'region'] as const) {
    if (!nonEmpty(value[k])) return `${k} must be a non-empty string`;
  }
  const { windowStart, windowEnd } = value;
  if (typeof windowStart !== 'number' || !Number.isFinite(windowStart)) return 'windowStart must be a number';
  if (typeof windowEnd !== 'number' || !Number.isFinite(windowEnd)) return 'windowEnd must be a number';
  if (windowEnd < windowStart) return 'windowEnd is before windowStart';
  if (typeof value.ready !== 'boolean') return 'ready must be a boolean';
  if (!isObject(value.custom)) return 'custom must be an object';
  if (!isObject(value.scrape)) return 'scrape must be an object';
  return undefined;
}

function isSnapshot(value: unknown): value is InstanceSnapshot {
  return snapshotProblem(value) === undefined;
}

/** Throws `GOV_BUS_INVALID_SNAPSHOT` unless `s` is a well-formed snapshot. */
export function assertSnapshot(s: InstanceSnapshot): void {
  const problem = snapshotProblem(s);
  if (problem) {
    throw new GovernorError('GOV_BUS_INVALID_SNAPSHOT', `cannot publish snapshot: ${problem}`, {
      details: { app: (s as { app?: unknown }).app, instance: (s as { instance?: unknown }).instance },
    });
  }
}

/** Parses a stored snapshot; throws `GOV_BUS_DECODE` when it is not one. */
export function decodeSnapshot(json: string, where: string): InstanceSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new GovernorError('GOV_BUS_DECODE', `stored snapshot at ${where} is not JSON`, { cause });
  }
  if (!isSnapshot(value)) {
    throw new GovernorError('GOV_BUS_DECODE', `stored snapshot at ${where}: ${snapshotProblem(value)}`);
  }
  return value;
}

/** Throws `GOV_BUS_INVALID_ARGUMENT` unless `info` and `ttlMs` can be registered. */
export function assertRegistration(info: InstanceInfo, ttlMs: number): void {
  for (const k of ['app', 'instance', 'region'] as const) {
    if (!nonEmpty(info[k])) {
      throw new GovernorError('GOV_BUS_INVALID_ARGUMENT', `cannot register: ${k} must be a non-empty string`);
    }
  }
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new GovernorError('GOV_BUS_INVALID_ARGUMENT', `cannot register: ttlMs must be > 0, got ${ttlMs}`);
  }
}

/** Throws `GOV_BUS_INVALID_ARGUMENT` unless a drain mark of `ttlMs` can be set on `app`/`instance`. */
export function assertDrainMark(app: string, instance: string, ttlMs: number): void {
  if (!nonEmpty(app) || !nonEmpty(instance)) {
    throw new GovernorError(
      'GOV_BUS_INVALID_ARGUMENT',
      'cannot mark draining: app and instance must be non-empty',
    );
  }
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new GovernorError(
      'GOV_BUS_INVALID_ARGUMENT',
      `cannot mark draining: ttlMs must be > 0, got ${ttlMs}`,
    );
  }
}

function isInstanceInfo(value: unknown): value is InstanceInfo {
  return isObject(value) && nonEmpty(value.app) && nonEmpty(value.instance) && nonEmpty(value.region);
}

/** Parses a stored registry entry; throws `GOV_BUS_DECODE` when it is not one. */
export function decodeInstanceInfo(json: string, where: string): InstanceInfo {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new GovernorError('GOV_BUS_DECODE', `registry entry at ${where} is not JSON`, { cause });
  }
  if (!isInstanceInfo(value)) {
    throw new GovernorError('GOV_BUS_DECODE', `registry entry at ${where} lacks app, instance or region`);
  }
  return value;
}

/** Orders by app, then instance. */
export function byAppThenInstance(
  a: { app: string; instance: string },
  b: { app: string; instance: string },
): number {
  return a.app < b.app
    ? -1
    : a.app > b.app
      ? 1
      : a.instance < b.instance
        ? -1
        : a.instance > b.instance
          ? 1
          : 0;
}

/** Throws `GOV_BUS_CLOSED` when `closed`. */
export function assertOpen(closed: boolean, what: string): void {
  if (closed) throw new GovernorError('GOV_BUS_CLOSED', `${what} is closed`);
}
