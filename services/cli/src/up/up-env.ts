/**
 * The environment `governor up` reads. This is the only module of `up` that
 * reads `process.env` (secrets behind `${VAR}` references are read by the
 * config's SecretRefs).
 */
export interface UpEnv {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`: export spans over OTLP/HTTP when set. */
  readonly otlpEndpoint?: string;
  /** `PATH`: handed to the local instances (their only variable from this environment). */
  readonly path?: string;
  /** The environment config references resolve against. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Reads {@link UpEnv} from `process.env`. */
export function readUpEnv(env: NodeJS.ProcessEnv = process.env): UpEnv {
  const otlp = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return { ...(otlp ? { otlpEndpoint: otlp } : {}), ...(env.PATH ? { path: env.PATH } : {}), env };
}
