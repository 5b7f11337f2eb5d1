import { Command } from 'commander';
import { VERSION } from './version.js';

/**
 * Builds the `governor` command tree. Each command lives in
 * `commands/<name>.ts` and registers itself on the program here.
 */
export function buildProgram(): Command {
  const program = new Command('governor')
    .description(
      'Governor: autoscaler and fleet observability daemon.\n\n' +
        'Scrapes CPU, memory and latency from every instance, decides a machine count from a policy ' +
        'file, makes the provider (Fly Machines, local processes, Kubernetes) converge to it, and ' +
        'generates the alert rules and dashboards for the same policy.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'explain a command')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false });
  return program;
}
