import { hostname } from 'node:os';

/**
 * What the collector takes from its environment. This is the only module of
 * the service that reads `process.env`; everything else gets these values.
 */
export interface CollectorEnv {
  /** `FLY_APP_NAME`. */
  readonly flyAppName?: string;
  /** `FLY_REGION`. */
  readonly flyRegion?: string;
  /** `FLY_MACHINE_ID`. */
  readonly flyMachineId?: string;
  /** `FLY_PRIVATE_IP` (IPv6 on Fly). */
  readonly flyPrivateIp?: string;
  /** `REDIS_URL`: cluster mode (Redis bus and registry). Secret: never logged. */
  readonly redisUrl?: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: export traces over OTLP/HTTP when set. */
  readonly otelEndpoint?: string;
  /** `OTEL_RESOURCE_ATTRIBUTES`: more resource attributes of the spans (`k=v,k2=v2`). */
  readonly otelResourceAttributes?: string;
  /** `GOVERNOR_CONFIG`: policy file path. */
  readonly configPath?: string;
  /** `GOVERNOR_TARGETS`: comma-separated scrape URLs. */
  readonly targets?: readonly string[];
  /** `LOG_LEVEL`. */
  readonly logLevel?: string;
  /** The machine's host name (fallback instance id). */
  readonly hostname: string;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** Reads the collector's environment (pass `process.env`). */
export function readCollectorEnv(env: NodeJS.ProcessEnv = process.env): CollectorEnv {
  const targets = nonEmpty(env.GOVERNOR_TARGETS)
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const pick = (k: string) => nonEmpty(env[k]);
  const out: Record<string, unknown> = { hostname: hostname() };
  const fields: [keyof CollectorEnv, string][] = [
    ['flyAppName', 'FLY_APP_NAME'],
    ['flyRegion', 'FLY_REGION'],
    ['flyMachineId', 'FLY_MACHINE_ID'],
    ['flyPrivateIp', 'FLY_PRIVATE_IP'],
    ['redisUrl', 'REDIS_URL'],
    ['otelEndpoint', 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    ['otelResourceAttributes', 'OTEL_RESOURCE_ATTRIBUTES'],
    ['configPath', 'GOVERNOR_CONFIG'],
    ['logLevel', 'LOG_LEVEL'],
  ];
  for (const [key, name] of fields) {
    const v = pick(name);
    if (v !== undefined) out[key] = v;
  }
  if (targets && targets.length > 0) out.targets = targets;
  return out as unknown as CollectorEnv;
}
