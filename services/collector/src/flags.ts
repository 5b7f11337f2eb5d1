import { parseArgs } from 'node:util';

/** Command-line flags of the collector sidecar. */
export interface CollectorFlags {
  readonly help: boolean;
  readonly config?: string;
  readonly app?: string;
  readonly instance?: string;
  readonly region?: string;
  readonly address?: string;
  readonly targets: readonly string[];
  readonly listen?: string;
  readonly redisUrl?: string;
  readonly hostStats?: string;
  readonly logLevel?: string;
}

/** A command line that cannot be understood (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The `--help` text of the sidecar. */
export const COLLECTOR_USAGE = `governor-collector: the sidecar that scrapes one app instance and publishes its snapshots

Scrapes the app's /metrics (and the host's CPU and memory), summarizes each
window into one snapshot (CPU, memory, request rate, 5xx share, latency
P50/P90/P99, custom gauges), publishes it on the bus, registers the instance
with a heartbeat, and serves /metrics, /healthz and /readyz.

Usage: governor-collector [options]

Options (flags win over the environment, the environment over the policy file):
  --config <path>        policy file (env GOVERNOR_CONFIG); gives the app's metric
                         names, scrape settings, and the Redis URL in cluster mode
  --app <name>           app name (env FLY_APP_NAME; default: the policy's only app)
  --instance <id>        instance id (env FLY_MACHINE_ID; default: the host name)
  --region <region>      region (env FLY_REGION; default: local)
  --address <host:port>  private address of the instance (default: FLY_PRIVATE_IP
                         with the first target's port)
  --target <url>         scrape target, repeatable (env GOVERNOR_TARGETS, comma-
                         separated; default http://127.0.0.1:8080/metrics)
  --listen <host:port>   HTTP listen address (default 0.0.0.0:9471)
  --redis-url <url>      publish to Redis (env REDIS_URL); default: in-memory bus
  --host-stats <source>  auto | cgroup[:<dir>] | system | process:<pid> | none
                         where CPU, memory, network, disk and connections come
                         from (default auto: cgroup v2 when present, else the machine)
  --log-level <level>    trace | debug | info | warn | error (env LOG_LEVEL; default info)
  -h, --help             show this help

Environment: OTEL_EXPORTER_OTLP_ENDPOINT exports traces of scrapes and publishes
over OTLP/HTTP; nothing is exported when it is unset. OTEL_RESOURCE_ATTRIBUTES
(k=v,k2=v2) adds resource attributes to the spans.
Signals: SIGTERM or SIGINT stop the loops, publish the last window, deregister
the instance, and exit 0.
`;

/** Parses the collector's command line; throws {@link UsageError} on unknown or malformed flags. */
export function parseCollectorFlags(argv: readonly string[]): CollectorFlags {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const out: Record<string, unknown> = { help: v.help ?? false, targets: v.target ?? [] };
  const copy: [keyof CollectorFlags, string | undefined][] = [
    ['config', v.config],
    ['app', v.app],
    ['instance', v.instance],
    ['region', v.region],
    ['address', v.address],
    ['listen', v.listen],
    ['redisUrl', v['redis-url']],
    ['hostStats', v['host-stats']],
    ['logLevel', v['log-level']],
  ];
  for (const [k, value] of copy) if (value !== undefined) out[k] = value;
  return out as unknown as CollectorFlags;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  app: { type: 'string' },
  instance: { type: 'string' },
  region: { type: 'string' },
  address: { type: 'string' },
  target: { type: 'string', multiple: true },
  listen: { type: 'string' },
  'redis-url': { type: 'string' },
  'host-stats': { type: 'string' },
  'log-level': { type: 'string' },
} as const;
