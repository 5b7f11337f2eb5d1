#!/usr/bin/env node
import type { Command } from 'commander';
import { buildProgram } from './program.js';

type Register = (program: Command) => void;

/**
 * Every command, in the order `--help` lists them, loaded only when it runs:
 * a command's dependencies (the daemon, OpenTelemetry, the simulator) cost
 * seconds to import, so `governor validate` must not pay for `governor up`.
 * Add a command with one line here.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  up: async () => (await import('./commands/up.js')).registerUpCommand,
  validate: async () => (await import('./commands/validate.js')).registerValidateCommand,
  decide: async () => (await import('./commands/decide.js')).registerDecideCommand,
  eval: async () => (await import('./commands/eval.js')).registerEvalCommand,
  simulate: async () => (await import('./commands/simulate.js')).registerSimulateCommand,
  generate: async () => (await import('./commands/generate.js')).registerGenerateCommand,
  metrics: async () => (await import('./commands/metrics-lint.js')).registerMetricsLintCommand,
};

const program = buildProgram();
const invoked = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const names = invoked !== undefined && invoked in COMMANDS ? [invoked] : Object.keys(COMMANDS);
for (const name of names) (await COMMANDS[name]!())(program);

await program.parseAsync(process.argv);
