// First: V8 settings must be in place before the rest of the sidecar loads.
import './v8-flags.js';
import { describeError } from '@governor/errors';
import { readCollectorEnv } from './env.js';
import { COLLECTOR_USAGE, parseCollectorFlags, UsageError } from './flags.js';
import { resolveSidecarOptions } from './resolve-options.js';
import { startSidecar } from './sidecar.js';

/** The collector sidecar entry: flags + environment + policy -> running sidecar until SIGTERM/SIGINT. */
async function main(argv: readonly string[]): Promise<number> {
  const env = readCollectorEnv(process.env);
  let flags: ReturnType<typeof parseCollectorFlags>;
  try {
    flags = parseCollectorFlags(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`governor-collector: ${err.message}\n\n${COLLECTOR_USAGE}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(COLLECTOR_USAGE);
    return 0;
  }
  let sidecar: Awaited<ReturnType<typeof startSidecar>>;
  try {
    const configPath = flags.config ?? env.configPath;
    // The policy loader (YAML, schema) is loaded only when there is a policy to read.
    const config = configPath ? (await import('@governor/config')).loadConfigOrThrow(configPath) : undefined;
    const options = resolveSidecarOptions(flags, env, config);
    sidecar = await startSidecar(options, env);
  } catch (err) {
    process.stderr.write(`governor-collector: ${describeError(err)}\n`);
    return 1;
  }
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        sidecar.logger.warn({ signal }, 'second signal: exiting without a clean shutdown');
        resolve(1);
        return;
      }
      sidecar.logger.info({ signal }, 'shutting down');
      void sidecar.shutdown().then(() => resolve(0));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`governor-collector: ${describeError(err)}\n`);
    process.exit(1);
  },
);
