/**
 * Settings of the demo app. This is the only module of the demo app that
 * reads `process.env`.
 */

/** The capacity model and listen address of one demo instance. */
export interface DemoSettings {
  /** TCP port to listen on (`PORT`). Default 8100. */
  readonly port: number;
  /** Listen host (`HOST`). Default `127.0.0.1`. */
  readonly host: string;
  /** Instance id reported in responses (`GOVERNOR_INSTANCE_ID`). Default `demo-<pid>`. */
  readonly instanceId: string;
  /** Requests served at the same time (`DEMO_CONCURRENCY`). Default 2. */
  readonly concurrency: number;
  /** Time one request takes once it is served, in ms (`DEMO_SERVICE_TIME_MS`). Default 50. */
  readonly serviceTimeMs: number;
  /** Requests that may wait for a slot; beyond it the app answers 503 (`DEMO_QUEUE_LIMIT`). Default 64. */
  readonly queueLimit: number;
  /** CPU burned per request in ms, so CPU tracks load (`DEMO_CPU_MS`). Default 1. */
  readonly cpuMs: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    throw new Error(`${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Reads {@link DemoSettings} from an environment (default `process.env`). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): DemoSettings {
  return {
    port: intFrom(env, 'PORT', 8100, 0),
    host: env.HOST || '127.0.0.1',
    instanceId: env.GOVERNOR_INSTANCE_ID || `demo-${process.pid}`,
    concurrency: intFrom(env, 'DEMO_CONCURRENCY', 2, 1),
    serviceTimeMs: intFrom(env, 'DEMO_SERVICE_TIME_MS', 50, 0),
    queueLimit: intFrom(env, 'DEMO_QUEUE_LIMIT', 64, 0),
    cpuMs: intFrom(env, 'DEMO_CPU_MS', 1, 0),
  };
}
