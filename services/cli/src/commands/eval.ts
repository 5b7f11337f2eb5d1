import type { Command } from 'commander';
import { runEval } from '../eval/run-eval.js';

function count(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`governor eval: --current must be a whole number >= 0, got "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

/** Registers `governor eval --config FILE [--app NAME] [--current N] [--json]`. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      "Check an app's metric source and policy before trusting them: read the app's metrics once from its " +
        "configured source (a running daemon's sidecar snapshots through its API, a Prometheus server, or " +
        "Redis queue backlogs), run the daemon's own decision against the live fleet (the provider's machines; " +
        "a local provider's from the running daemon) or --current N machines, with an empty history, and print " +
        'the decision and its explanation. Changes nothing. Exits 0 with a decision, 1 when the config is ' +
        'invalid or the source (or daemon) cannot be read, 2 on a usage error.',
    )
    .requiredOption('-c, --config <file>', 'the config file (required)')
    .option('-a, --app <name>', 'the app to evaluate (default: the only app of the file)')
    .option('--current <n>', 'decide for N running machines instead of the live fleet', count)
    .option('--daemon <url>', "the daemon API's base URL (default: from daemon.listen)")
    .option('--json', 'print a JSON report with the full Decision', false)
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(
      async (options: { config: string; app?: string; current?: number; daemon?: string; json: boolean }) => {
        process.exitCode = await runEval(options, { out: process.stdout, err: process.stderr });
      },
    );
}
