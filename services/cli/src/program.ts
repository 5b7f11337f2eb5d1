import { Command, type Command as CommandType } from 'commander';
import { VERSION } from './version.js';

/**
 * The first sentence of a command's description: what `governor --help`
 * lists next to each command (its own `--help` shows the whole text).
 */
function firstSentence(cmd: CommandType): string {
  const text = cmd.summary() || cmd.description();
  const end = text.search(/[.:](\s|$)/);
  return end === -1 ? text : `${text.slice(0, end)}.`;
}

/**
 * Builds the `governor` command tree. Each command lives in
 * `commands/<name>.ts` and registers itself on the program here.
 *
 * Usage errors at the top level (no command, an unknown command or option)
 * exit 2, like those of every command; `--help` and `--version` exit 0.
 * Commands created after this inherit that exit handling.
 */
export function buildProgram(): Command {
  const program = new Command('governor')
    .description(
      'Governor: autoscaler and fleet observability daemon.\n\n' +
        'Scrapes CPU, memory and latency from every instance, decides a machine count from a policy ' +
        'file, makes the provider (Fly Machines, local processes, Kubernetes) converge to it, and ' +
        'generates the alert rules and dashboards for the same policy.\n\n' +
        'Run `governor <command> --help` for what a command does, its options and their defaults. ' +
        'Exit codes: 0 ok, 1 invalid input or a failed check, 2 usage error.',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'explain a command')
    .helpCommand('help [command]', 'explain a command')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false, subcommandDescription: firstSentence })
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    });
  return program;
}
