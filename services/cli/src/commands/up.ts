import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeError } from '@governor/errors';
import type { Command } from 'commander';
import { demoProfile } from '../up/demo-profile.js';
import { loadConfig, runUp } from '../up/run-up.js';
import { StatusPrinter } from '../up/status-printer.js';
import { readUpEnv } from '../up/up-env.js';

/** Options of `governor up`. */
export interface UpOptions {
  /** Config file. Default `examples/governor.yaml`. */
  config: string;
  /** Drive demo load at the edge proxy. Default false. */
  demo: boolean;
  /** Demo quiet/low rate in requests/s. Default 10. */
  demoLow: string;
  /** Demo step rate in requests/s. Default 100. */
  demoHigh: string;
  /** Log file; default `.governor/up.log` on a terminal, stderr otherwise. */
  logFile?: string;
}

function rate(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`governor up: ${flag} must be a number of requests per second >= 0, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

/** Registers `governor up`. */
export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description(
      "Run a whole standalone fleet in one process, no Redis needed: the local provider starts the app's " +
        'instances as child processes behind an edge proxy, a collector scrapes each instance, and the ' +
        'autoscaler decides every tick and makes the fleet converge. Serves the API and /metrics at ' +
        'daemon.listen and prints a live status table (app, machines current/desired, p99 vs SLO, CPU, rps, ' +
        'last reason): redrawn in place on a terminal, plain lines otherwise. With --demo it also drives ' +
        'load at the edge (a quiet period, a step up, a step down, repeating) so scaling shows within two ' +
        'minutes. The config is reloaded when the file changes (an invalid file keeps the old config). ' +
        'Ctrl-C, SIGTERM and SIGHUP (its terminal closed) stop everything, instances included; a second ' +
        'signal kills the instances at once and exits 130. Exits 0 after a clean stop, 1 when the ' +
        'config is invalid or the fleet cannot start, 2 on a usage error.',
    )
    .option('-c, --config <file>', 'config file (YAML, version: 1)', 'examples/governor.yaml')
    .option(
      '--demo',
      'drive demo load at the edge proxy: 20s quiet, 90s step up, 120s step down, repeating',
      false,
    )
    .option('--demo-low <rps>', 'demo rate of the quiet and step-down phases, requests/s', '10')
    .option(
      '--demo-high <rps>',
      'demo rate of the step-up phase, requests/s (about 40 per demo instance)',
      '100',
    )
    .option(
      '--log-file <path>',
      'write JSON logs here (default: .governor/up.log on a terminal, so the table stays readable; stderr otherwise)',
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(async (options: UpOptions) => {
      const profile = demoProfile({
        low: rate(options.demoLow, '--demo-low'),
        high: rate(options.demoHigh, '--demo-high'),
      });
      const env = readUpEnv();
      const configPath = resolve(options.config);
      const loaded = loadConfig(configPath, env.env);
      if (!loaded.ok) {
        process.stderr.write(`${loaded.issues.join('\n')}\ngovernor up: ${options.config} is invalid\n`);
        process.exit(1);
      }
      const tty = process.stdout.isTTY === true;
      const logPath = options.logFile ?? (tty ? '.governor/up.log' : undefined);
      let logDestination: NodeJS.WritableStream = process.stderr;
      if (logPath) {
        mkdirSync(dirname(resolve(logPath)), { recursive: true });
        logDestination = createWriteStream(logPath, { flags: 'a' });
      }
      const printer = new StatusPrinter({ out: process.stdout, tty });
      let handle: Awaited<ReturnType<typeof runUp>>;
      try {
        handle = await runUp(loaded.config, loaded.hash, {
          configPath,
          demo: options.demo,
          profile,
          cwd: process.cwd(),
          env,
          logDestination,
          onStatus: (lines) => printer.print(lines),
          width: () => printer.width,
        });
      } catch (err) {
        process.stderr.write(`governor up: cannot start: ${describeError(err)}\n`);
        process.exit(1);
      }
      if (logPath) process.stderr.write(`governor up: logs in ${logPath}; Ctrl-C to stop\n`);
      // However this process ends (a second signal, a crash), no instance outlives it.
      process.on('exit', () => handle.killNow());
      // A closed terminal makes writes fail (EIO, EPIPE): that must not crash the shutdown.
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
      let signals = 0;
      const shutdown = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          process.stderr.write('governor up: second signal, killing instances and exiting now\n');
          handle.killNow();
          process.exit(130);
        }
        process.stderr.write(`governor up: ${signal}, stopping instances...\n`);
        void handle.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`governor up: unclean stop: ${describeError(err)}\n`);
            process.exit(1);
          },
        );
      };
      // SIGHUP is what a closing terminal sends: stop like Ctrl-C (the file watcher reloads the config).
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
    });
}
