import { parseArgs } from 'node:util';
import { describeError } from '@governor/errors';
import { startDaemon } from './cluster/start-daemon.js';
import { configFileLoader } from './config-file-loader.js';
import { readAutoscalerEnv } from './env.js';

const USAGE = `governor-autoscaler: the autoscaler daemon (decides, acts, serves its API)

Every daemon.tickInterval it observes each app (provider machines + collector
snapshots), decides the machine count, records the decision and applies it.
In cluster mode (daemon.mode: cluster) replicas share Redis: one leader holds
a lease with a fencing token and decides; actions go through BullMQ; the
decision history lives in Redis so a new leader continues where the old one
stopped. See docs/cluster.md.

Usage: governor-autoscaler [options]

Options (flags win over the environment, the environment over the policy file):
  --config <path>      policy file (env GOVERNOR_CONFIG; required)
  --listen <host:port> API listen address (env GOVERNOR_LISTEN; default daemon.listen,
                       127.0.0.1:9470)
  --replica-id <id>    replica name in the leader lease and metrics
                       (env GOVERNOR_REPLICA_ID; default: the host name)
  -h, --help           show this help

Environment: REDIS_URL (cluster mode, when the policy has no daemon.redisUrl),
LOG_LEVEL (default daemon.logLevel), OTEL_EXPORTER_OTLP_ENDPOINT (traces over
OTLP/HTTP; none when unset), OTEL_RESOURCE_ATTRIBUTES (k=v,k2=v2, added to the
spans' resource), and any variable the policy references as \${VAR}.
Endpoints: /healthz, /readyz (503 with a reason while not ready, e.g. Redis
unreachable), /metrics, /v1/... (see /openapi.json).
Signals: SIGHUP reloads the policy; SIGTERM or SIGINT stop ticking, release the
lease, drain running actions and exit 0. Exit codes: 0 ok, 1 invalid config or
start failure, 2 usage error.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  listen: { type: 'string' },
  'replica-id': { type: 'string' },
} as const;

/** The daemon entry: flags + environment + policy -> running daemon until SIGTERM/SIGINT. */
async function main(argv: readonly string[]): Promise<number> {
  const env = readAutoscalerEnv(process.env);
  let flags: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];
  try {
    flags = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    process.stderr.write(`governor-autoscaler: ${describeError(err)}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const configPath = flags.config ?? env.configPath;
  if (!configPath) {
    process.stderr.write(
      `governor-autoscaler: no policy file: pass --config or set GOVERNOR_CONFIG\n\n${USAGE}`,
    );
    return 2;
  }
  const loaded = await configFileLoader(env.vars)(configPath);
  if (!loaded.ok) {
    process.stderr.write(`governor-autoscaler: invalid policy ${configPath}:\n${loaded.issues.join('\n')}\n`);
    return 1;
  }
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  try {
    daemon = await startDaemon({
      config: loaded.config,
      configHash: loaded.hash,
      configPath,
      env,
      ...(flags['replica-id'] ? { replicaId: flags['replica-id'] } : {}),
      ...(flags.listen ? { listen: flags.listen } : {}),
    });
  } catch (err) {
    process.stderr.write(`governor-autoscaler: ${describeError(err)}\n`);
    return 1;
  }
  process.on('SIGHUP', () => void daemon.autoscaler.reload());
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        daemon.logger.warn({ signal }, 'second signal: exiting without a clean shutdown');
        resolve(1);
        return;
      }
      daemon.logger.info({ signal }, 'shutting down');
      void daemon.stop().then(
        () => resolve(0),
        (err: unknown) => {
          daemon.logger.error({ err: describeError(err) }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`governor-autoscaler: ${describeError(err)}\n`);
    process.exit(1);
  },
);
