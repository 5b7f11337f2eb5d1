import { hostname } from 'node:os';

/**
 * What the autoscaler daemon takes from its environment. This is the only
 * module of the process that reads `process.env`; everything else gets these
 * values.
 */
export interface AutoscalerEnv {
  /** `GOVERNOR_CONFIG`: policy file path. */
  readonly configPath?: string;
  /** `REDIS_URL`: Redis of cluster mode when the config has no `daemon.redisUrl`. Secret: never logged. */
  readonly redisUrl?: string;
  /** `GOVERNOR_REPLICA_ID`: this replica's name in the leader lease and metrics. Default: the host name. */
  readonly replicaId?: string;
  /** `GOVERNOR_LISTEN`: API listen address `host:port`, overriding `daemon.listen`. */
  readonly listen?: string;
  /** `LOG_LEVEL`, overriding `daemon.logLevel`. */
  readonly logLevel?: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: export traces over OTLP/HTTP when set. */
  readonly otelEndpoint?: string;
  /** `PATH`: handed to local provider children (their only variable from this environment). */
  readonly path?: string;
  /** The machine's host name (default replica id). */
  readonly hostname: string;
  /** Every variable, for `${VAR}` references in the config (secrets stay behind SecretRef). */
  readonly vars: Readonly<Record<string, string | undefined>>;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** Reads the daemon's environment (pass `process.env`). */
export function readAutoscalerEnv(env: NodeJS.ProcessEnv = process.env): AutoscalerEnv {
  const out: Record<string, unknown> = { hostname: hostname(), vars: { ...env } };
  const fields: [keyof AutoscalerEnv, string][] = [
    ['configPath', 'GOVERNOR_CONFIG'],
    ['redisUrl', 'REDIS_URL'],
    ['replicaId', 'GOVERNOR_REPLICA_ID'],
    ['listen', 'GOVERNOR_LISTEN'],
    ['logLevel', 'LOG_LEVEL'],
    ['otelEndpoint', 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    ['path', 'PATH'],
  ];
  for (const [key, name] of fields) {
    const v = nonEmpty(env[name]);
    if (v !== undefined) out[key] = v;
  }
  return out as unknown as AutoscalerEnv;
}
