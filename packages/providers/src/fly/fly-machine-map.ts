import type { Machine, MachineHealth, MachineState } from '../provider.js';

/** The fields of a Machines API machine the provider reads. */
export interface FlyMachineWire {
  readonly id: string;
  readonly state: string;
  readonly region: string;
  readonly created_at?: string;
  readonly instance_id?: string;
  readonly private_ip?: string;
  readonly config?: {
    readonly metadata?: Readonly<Record<string, string>>;
    readonly services?: readonly { readonly internal_port?: number }[];
  } & Record<string, unknown>;
  readonly checks?: readonly { readonly status?: string }[];
}

const KNOWN: ReadonlySet<string> = new Set<MachineState>([
  'created',
  'starting',
  'started',
  'stopping',
  'stopped',
  'suspending',
  'suspended',
  'replacing',
  'destroying',
  'destroyed',
  'failed',
]);

const ALIASES: Readonly<Record<string, MachineState>> = {
  creating: 'starting',
  restarting: 'starting',
  updating: 'replacing',
  launch_failed: 'failed',
  replaced: 'destroyed',
  migrated: 'destroyed',
};

/** Maps an API state; an unknown one is treated as mid-transition (`replacing`) so nothing acts on it. */
export function mapFlyState(state: string): MachineState {
  if (KNOWN.has(state)) return state as MachineState;
  return ALIASES[state] ?? 'replacing';
}

/** Healthy when every check passes, unhealthy when one is critical, unknown otherwise (or with no checks). */
export function mapFlyHealth(checks: FlyMachineWire['checks']): MachineHealth {
  if (!checks || checks.length === 0) return 'unknown';
  if (checks.some((c) => c.status === 'critical')) return 'unhealthy';
  return checks.every((c) => c.status === 'passing') ? 'healthy' : 'unknown';
}

/** A Machines API machine as a provider {@link Machine}. */
export function mapFlyMachine(app: string, m: FlyMachineWire): Machine {
  const port = m.config?.services?.[0]?.internal_port;
  const group = m.config?.metadata?.fly_process_group;
  return {
    id: m.id,
    app,
    region: m.region,
    state: mapFlyState(m.state),
    createdAt: m.created_at ? Date.parse(m.created_at) : 0,
    health: mapFlyHealth(m.checks),
    ...(group !== undefined ? { processGroup: group } : {}),
    ...(m.private_ip && port !== undefined ? { address: `[${m.private_ip}]:${port}` } : {}),
  };
}
