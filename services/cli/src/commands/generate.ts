import { join } from 'node:path';
import { formatIssue } from '@governor/config';
import { diffArtifacts, generateFromFile, writeArtifacts } from '@governor/generators';
import type { Command } from 'commander';

/** Options of `governor generate`. */
export interface GenerateCommandOptions {
  /** Policy file. Default `examples/governor.yaml`. */
  config: string;
  /** Output root; `alerts/` and `dashboards/` are written under it. Default `.`. */
  out: string;
  /** Only compare with the files on disk; write nothing. Default false. */
  check: boolean;
}

/** Runs `governor generate`; returns the exit code. */
export function runGenerate(
  options: GenerateCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): number {
  const generated = generateFromFile(options.config, options.out);
  if (!generated.ok) {
    for (const issue of generated.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${options.config}: invalid, nothing generated\n`);
    return 1;
  }
  if (options.check) {
    const diff = diffArtifacts(generated.files, options.out);
    const problems = [
      ...diff.changed.map((p) => `changed: ${join(options.out, p)}`),
      ...diff.missing.map((p) => `missing: ${join(options.out, p)}`),
      ...diff.stale.map((p) => `stale:   ${join(options.out, p)}`),
    ];
    if (problems.length === 0) {
      out.write(`${generated.files.length} generated files are up to date with ${generated.source}\n`);
      return 0;
    }
    process.stderr.write(`${problems.join('\n')}\nrun \`governor generate\` and commit the result\n`);
    return 1;
  }
  const result = writeArtifacts(generated.files, options.out);
  for (const p of result.written) out.write(`wrote   ${join(options.out, p)}\n`);
  for (const p of result.removed) out.write(`removed ${join(options.out, p)}\n`);
  out.write(
    `${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed ` +
      `(from ${generated.source})\n`,
  );
  return 0;
}

/** Registers `governor generate [--config FILE] [--out DIR] [--check]`. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .summary(
      'Generate the Prometheus alert rules, their promtool tests and the Grafana dashboards from a policy.',
    )
    .description(
      'Generate the Prometheus alert rules (alerts/<group>.yml), their promtool unit tests ' +
        '(alerts/tests/<group>.test.yml) and the Grafana dashboards (dashboards/*.json) from a policy file. ' +
        'Every file carries a "generated, do not edit" notice; files are rewritten only when their content ' +
        'changes, and generated files the policy no longer produces are removed (hand-written files are never ' +
        'touched). Exits 0 on success, 1 when the config is invalid or --check finds differences, 2 on a usage ' +
        'error.',
    )
    .option('-c, --config <file>', 'policy file to generate from', 'examples/governor.yaml')
    .option('-o, --out <dir>', 'output root: alerts/ and dashboards/ are written under it', '.')
    .option(
      '--check',
      'write nothing; exit 1 and list the files that regenerating would change (for CI)',
      false,
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((options: GenerateCommandOptions) => {
      process.exitCode = runGenerate(options);
    });
}
