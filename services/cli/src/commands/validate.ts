import {
  type ConfigIssue,
  type EnvReference,
  envReferences,
  formatIssue,
  loadConfigFile,
} from '@governor/config';
import type { Command } from 'commander';

/** Options of `governor validate`. */
export interface ValidateOptions {
  /** Print one JSON document instead of text. Default false. */
  json: boolean;
  /**
   * Treat an unset variable behind a required secret as an error. Default
   * false: it is reported as a warning, since a file is often validated where
   * its secrets are not set (CI, a laptop).
   */
  requireEnv: boolean;
}

/** The outcome for one file, as `--json` prints it. */
export interface FileReport {
  file: string;
  ok: boolean;
  /** sha256 of the file text, when valid. */
  hash?: string;
  issues: ConfigIssue[];
  /** `${VAR}` references of a valid file, with whether each is required and set. */
  env: EnvReference[];
}

/** Validates every file; returns the reports (never throws for a bad file). */
export function validateFiles(files: readonly string[], options: ValidateOptions): FileReport[] {
  return files.map((file) => {
    const result = loadConfigFile(file, { checkEnv: options.requireEnv });
    if (!result.ok) return { file, ok: false, issues: result.issues, env: [] };
    return { file, ok: true, hash: result.hash, issues: [], env: envReferences(result.config) };
  });
}

/** Required secrets whose variables are unset, over all valid files, as `VAR (file: path)`. */
export function unsetRequired(reports: readonly FileReport[]): string[] {
  return reports.flatMap((r) =>
    r.env.filter((ref) => ref.required && !ref.present).map((ref) => `${ref.env} (${r.file}: ${ref.path})`),
  );
}

/** The human-readable report: `FILE: ok` (plus its env references) or one line per issue. */
export function renderReports(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (!report.ok) {
      lines.push(...report.issues.map(formatIssue));
      continue;
    }
    lines.push(`${report.file}: ok`);
    for (const ref of report.env) {
      const need = ref.required ? 'required' : 'optional';
      const state = ref.present ? 'set' : 'unset';
      lines.push(`  env ${ref.env}: ${need}, ${state} (${ref.path})`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Registers `governor validate FILE...`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .summary('Check config files: syntax, unknown keys, types, units, ranges and references.')
    .description(
      'Check config files: YAML syntax, unknown keys (with suggestions), types, units, ranges, cross-field ' +
        'rules and references. Prints "FILE: ok" with the environment variables each file references, or ' +
        'every issue of every file as "file:line:col: path: message". Exits 0 when all files are valid, ' +
        '1 when any is not, 2 on a usage error.',
    )
    .argument('<file...>', 'config files to check (YAML, version: 1)')
    .option(
      '--json',
      'print one JSON report {ok, files: [{file, ok, hash, issues, env}]} instead of text',
      false,
    )
    .option(
      '--require-env',
      'also fail (exit 1) when a variable behind a required secret (REDIS_URL in cluster mode, fly ' +
        'tokens, receiver keys) is unset; by default that is a warning on stderr, so files can be ' +
        'checked where their secrets are not set',
      false,
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((files: string[], options: ValidateOptions) => {
      const reports = validateFiles(files, options);
      const ok = reports.every((report) => report.ok);
      if (options.json) process.stdout.write(`${JSON.stringify({ ok, files: reports }, null, 2)}\n`);
      else process.stdout.write(renderReports(reports));
      const unset = unsetRequired(reports);
      if (unset.length > 0 && !options.json) {
        process.stderr.write(
          `warning: required environment variable(s) not set: ${unset.join(', ')}; ` +
            'the daemon will refuse to start without them (--require-env makes this an error)\n',
        );
      }
      if (!ok) {
        const bad = reports.filter((report) => !report.ok);
        const issues = bad.reduce((sum, report) => sum + report.issues.length, 0);
        const envUnset = bad.some((report) => report.issues.some((i) => i.code === 'GOV_CONFIG_ENV_UNSET'));
        const hint = envUnset
          ? '; set the variables named above, or drop --require-env to check the files alone'
          : '';
        if (!options.json) {
          process.stderr.write(
            `${bad.length} of ${reports.length} file(s) invalid, ${issues} issue(s)${hint}\n`,
          );
        }
        process.exitCode = 1;
      }
    });
}
