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
  /** Check that variables behind required secrets are set. Default true (`--no-env` turns it off). */
  env: boolean;
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
    const result = loadConfigFile(file, { checkEnv: options.env });
    if (!result.ok) return { file, ok: false, issues: result.issues, env: [] };
    return { file, ok: true, hash: result.hash, issues: [], env: envReferences(result.config) };
  });
}

/** The human-readable report: `FILE: ok` (plus its env references) or one line per issue. */
export function renderReports(reports: readonly FileReport[], options: ValidateOptions): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (!report.ok) {
      lines.push(...report.issues.map(formatIssue));
      continue;
    }
    lines.push(`${report.file}: ok`);
    for (const ref of report.env) {
      const need = ref.required ? 'required' : 'optional';
      const state = !options.env && ref.required ? 'not checked' : ref.present ? 'set' : 'unset';
      lines.push(`  env ${ref.env}: ${need}, ${state} (${ref.path})`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Registers `governor validate FILE...`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
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
      '--no-env',
      'do not require the environment variables behind required secrets (REDIS_URL in cluster mode, ' +
        'fly tokens, receiver keys) to be set; by default an unset one is an error',
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((files: string[], options: ValidateOptions) => {
      const reports = validateFiles(files, options);
      const ok = reports.every((report) => report.ok);
      if (options.json) process.stdout.write(`${JSON.stringify({ ok, files: reports }, null, 2)}\n`);
      else process.stdout.write(renderReports(reports, options));
      if (!ok) {
        const bad = reports.filter((report) => !report.ok);
        const issues = bad.reduce((sum, report) => sum + report.issues.length, 0);
        const envUnset = bad.some((report) => report.issues.some((i) => i.code === 'GOV_CONFIG_ENV_UNSET'));
        const hint = envUnset
          ? '; set the variables named above, or pass --no-env to check the files alone'
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
