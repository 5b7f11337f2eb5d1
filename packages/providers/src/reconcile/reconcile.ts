import { type Machine, type MachineState, SETTLED_STATES } from '../provider.js';
import type { ReconcileStep } from './reconcile-step.js';

/** Input of {@link reconcile}. */
export interface ReconcileInput {
  /**
   * Machines that should be running, per region. A region that has machines
   * but is absent here is scaled to 0 running (its warm pool still applies
   * when `warmPool` is a record naming it).
   */
  readonly desired: Readonly<Record<string, number>>;
  /** Every machine of the app, as `Provider.list` returned them. */
  readonly machines: readonly Machine[];
  /**
   * Stopped (or suspended) machines to keep ready per region, beyond the
   * running count. A number applies to every region of `desired`; a record
   * names regions. Default 0.
   */
  readonly warmPool?: number | Readonly<Record<string, number>>;
  /** Upper bound on the steps returned (bounded work per call). Default 10. */
  readonly maxSteps?: number;
  /** How a machine that scales down into the warm pool is parked. Default `stop`. */
  readonly park?: 'stop' | 'suspend';
  /**
   * When true, a started machine whose health is `unhealthy` does not count as
   * running: a replacement is started or created, and the unhealthy machine
   * is destroyed. Default false (it counts, and is the first one removed on
   * scale-down).
   */
  readonly replaceUnhealthy?: boolean;
}

/** Default bound of steps per {@link reconcile} call. */
export const DEFAULT_MAX_STEPS = 10;

/** States that will end up running without any further step. */
const RUNNING_SOON: ReadonlySet<MachineState> = new Set(['started', 'starting', 'replacing']);
/** Settled idle states a machine can be started from. */
const IDLE: ReadonlySet<MachineState> = new Set(['suspended', 'stopped', 'created']);
/** Transitions that end idle (they count toward the warm pool). */
const IDLE_SOON: ReadonlySet<MachineState> = new Set(['stopping', 'suspending']);

/**
 * Priority of step kinds: capacity first (start is fastest, then create),
 * then scale-down, then warm-pool refills, then clean-up.
 */
const PRIORITY: Record<string, number> = { start: 0, create: 1, stop: 2, suspend: 2, warm: 3, destroy: 4 };

interface Planned {
  readonly step: ReconcileStep;
  readonly priority: number;
  readonly rank: number;
}

/** Newest first, then id: the removal order among equals. */
function newestFirst(a: Machine, b: Machine): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const REMOVE_FIRST = { unhealthy: 0, unknown: 1, healthy: 2 } as const;
const START_FIRST = { healthy: 0, unknown: 1, unhealthy: 2 } as const;
const START_STATE: Partial<Record<MachineState, number>> = { suspended: 0, stopped: 1, created: 2 };

/** Unhealthy first, then unknown, then healthy; among equals newest first. */
function removalOrder(a: Machine, b: Machine): number {
  return REMOVE_FIRST[a.health] - REMOVE_FIRST[b.health] || newestFirst(a, b);
}

/** Suspended first (fastest resume), then stopped, then created; healthy before unhealthy. */
function startOrder(a: Machine, b: Machine): number {
  return (
    (START_STATE[a.state] ?? 3) - (START_STATE[b.state] ?? 3) ||
    START_FIRST[a.health] - START_FIRST[b.health] ||
    newestFirst(a, b)
  );
}

function warmFor(warmPool: ReconcileInput['warmPool'], region: string, inDesired: boolean): number {
  if (warmPool === undefined) return 0;
  if (typeof warmPool === 'number') return inDesired ? warmPool : 0;
  return warmPool[region] ?? 0;
}

function planRegion(
  region: string,
  want: number,
  warm: number,
  ms: readonly Machine[],
  input: ReconcileInput,
) {
  const out: Planned[] = [];
  const cap = input.maxSteps ?? DEFAULT_MAX_STEPS;
  const add = (step: ReconcileStep, kind: string, rank: number): void => {
    // A step ranked at or past the bound has that many steps of its class ahead of it: never returned.
    if (rank < cap) out.push({ step, priority: PRIORITY[kind] ?? 9, rank });
  };
  const replace = input.replaceUnhealthy === true;
  const park = input.park ?? 'stop';

  const live = ms.filter((m) => m.state !== 'destroyed' && m.state !== 'destroying');
  const failed = live.filter((m) => m.state === 'failed');
  const unhealthyStarted = replace
    ? live.filter((m) => m.state === 'started' && m.health === 'unhealthy')
    : [];
  const running = live.filter((m) => RUNNING_SOON.has(m.state) && !unhealthyStarted.includes(m));
  const idle = live.filter((m) => IDLE.has(m.state)).sort(startOrder);
  const idleSoon = live.filter((m) => IDLE_SOON.has(m.state)).length;

  failed.sort(newestFirst).forEach((m, i) => {
    add({ action: 'destroy', id: m.id, region, reason: `machine failed in ${region}` }, 'destroy', i);
  });
  unhealthyStarted.sort(newestFirst).forEach((m, i) => {
    add(
      { action: 'destroy', id: m.id, region, reason: `replacing unhealthy machine in ${region}` },
      'destroy',
      i,
    );
  });

  let idleLeft = idle;
  let parked = 0;
  if (running.length < want) {
    const need = want - running.length;
    const toStart = idle.slice(0, need);
    idleLeft = idle.slice(toStart.length);
    const why = `scale up: ${running.length} of ${want} running in ${region}`;
    toStart.forEach((m, i) => {
      add({ action: 'start', id: m.id, region, reason: `${why}, start ${m.state}` }, 'start', i);
    });
    for (let i = 0; i < need - toStart.length; i++) {
      add({ action: 'create', region, reason: `${why}, no idle machine left` }, 'create', i);
    }
  } else if (running.length > want) {
    // Only settled, started machines may be touched; starting ones wait. Never remove so many
    // that fewer than `want` started machines remain while others are still booting.
    const removable = running.filter((m) => m.state === 'started').sort(removalOrder);
    const excess = Math.max(0, Math.min(running.length - want, removable.length - want));
    const why = `scale down: ${running.length} running, ${want} wanted in ${region}`;
    let warmNow = idle.length + idleSoon;
    removable.slice(0, excess).forEach((m, i) => {
      if (warmNow < warm) {
        warmNow++;
        parked++;
        add({ action: park, id: m.id, region, reason: `${why}, park in warm pool` }, park, i);
      } else {
        add({ action: 'destroy', id: m.id, region, reason: `${why}, warm pool full` }, 'destroy', i);
      }
    });
  }

  const warmHave = idleLeft.length + idleSoon + parked;
  if (warmHave < warm) {
    for (let i = 0; i < warm - warmHave; i++) {
      add(
        {
          action: 'create',
          region,
          skipLaunch: true,
          reason: `warm pool: ${warmHave} of ${warm} in ${region}`,
        },
        'warm',
        i,
      );
    }
  } else if (warmHave > warm) {
    // Trim settled idle machines only; stopping/suspending ones are left alone.
    const surplus = Math.min(warmHave - warm, idleLeft.length);
    [...idleLeft]
      .sort(removalOrder)
      .slice(0, surplus)
      .forEach((m, i) => {
        const reason = `warm pool: ${warmHave} idle, ${warm} wanted in ${region}`;
        add({ action: 'destroy', id: m.id, region, reason }, 'destroy', i);
      });
  }
  return out;
}

/**
 * Plans the steps that converge `machines` to `desired` running machines per
 * region plus a warm pool of stopped ones. Pure: same input, same steps.
 *
 * Rules, in order:
 * - A machine mid-transition (any state outside {@link SETTLED_STATES}) is
 *   never touched; `starting`/`replacing` count as running, `stopping`/
 *   `suspending` as warm, `destroying` as gone.
 * - Scale up starts idle machines (suspended, then stopped, then created)
 *   before creating new ones, in the region that lacks them.
 * - Scale down removes unhealthy machines first, then the newest; each one is
 *   parked (stopped or suspended) while the warm pool has room, destroyed
 *   otherwise. It never leaves fewer than the desired count of `started`
 *   machines while others are still `starting` (it waits for them instead).
 * - The warm pool is refilled with `skipLaunch` creates; surplus idle
 *   machines are destroyed (unhealthy, then newest first). Failed machines are
 *   destroyed.
 * - At most `maxSteps` steps are returned, most urgent first (start, create,
 *   park, warm-pool create, destroy), interleaved across regions.
 */
export function reconcile(input: ReconcileInput): ReconcileStep[] {
  const maxSteps = input.maxSteps ?? DEFAULT_MAX_STEPS;
  const byRegion = new Map<string, Machine[]>();
  for (const r of Object.keys(input.desired)) byRegion.set(r, []);
  if (input.warmPool !== undefined && typeof input.warmPool !== 'number') {
    for (const r of Object.keys(input.warmPool)) if (!byRegion.has(r)) byRegion.set(r, []);
  }
  for (const m of input.machines) {
    let list = byRegion.get(m.region);
    if (!list) {
      list = [];
      byRegion.set(m.region, list);
    }
    list.push(m);
  }
  const planned: Planned[] = [];
  for (const region of [...byRegion.keys()].sort()) {
    const inDesired = Object.hasOwn(input.desired, region);
    const want = Math.max(0, Math.floor(input.desired[region] ?? 0));
    const warm = Math.max(0, Math.floor(warmFor(input.warmPool, region, inDesired)));
    planned.push(...planRegion(region, want, warm, byRegion.get(region) ?? [], input));
  }
  // Stable sort: regions are already in name order, so equal keys interleave regions fairly.
  planned.sort((a, b) => a.priority - b.priority || a.rank - b.rank);
  return planned.slice(0, Math.max(0, maxSteps)).map((p) => p.step);
}

/** True when the machine is mid-transition and must not be acted on. */
export function isInTransition(m: Machine): boolean {
  return !SETTLED_STATES.has(m.state);
}
