import { readFileSync } from 'node:fs';
import {
  type ExpositionFormat,
  ExpositionParseError,
  formatFromContentType,
  parseExposition,
} from '@governor/metrics';
import { type Command, Option } from 'commander';

/** What `governor metrics lint` concluded about one exposition. */
export type LintResult =
  | { readonly ok: true; readonly families: number; readonly series: number }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly reason: string };

/** Checks an exposition against the chosen grammar; never throws for invalid input. */
export function lintExposition(text: string, format: ExpositionFormat): LintResult {
  try {
    const families = parseExposition(text, { format });
    return { ok: true, families: families.length, series: families.reduce((n, f) => n + f.series.length, 0) };
  } catch (error) {
    if (error instanceof ExpositionParseError) {
      return { ok: false, line: error.line, column: error.column, reason: error.reason };
    }
    throw error;
  }
}

/** The format for `--format`, defaulting from a `.om`/`.openmetrics` extension or a Content-Type. */
function resolveFormat(option: string | undefined, file: string): ExpositionFormat {
  if (option === 'text' || option === 'openmetrics') return option;
  if (/\.(om|openmetrics)(\.txt)?$/i.test(file)) return 'openmetrics';
  return formatFromContentType(undefined);
}

/** Registers `governor metrics lint FILE [--format text|openmetrics]`. */
export function registerMetricsLintCommand(program: Command): void {
  const metrics = program
    .command('metrics')
    .description('Work with metrics expositions (what apps serve on /metrics).');
  metrics
    .command('lint')
    .description(
      'Check a Prometheus text (0.0.4) or OpenMetrics (1.0.0) exposition strictly, like `promtool check ' +
        'metrics` but against the format specs: syntax, escaping, HELP/TYPE/UNIT placement, contiguous ' +
        'families and series, name clashes, counter/histogram/summary/stateset/info value rules, bucket ' +
        'order and +Inf, timestamps, exemplars and # EOF. Prints "FILE: ok (N families, M series)" and ' +
        'exits 0 when valid; prints "FILE:LINE:COL: reason" for the first error and exits 1 when not; ' +
        'exits 2 on a usage error.',
    )
    .argument('<file>', 'exposition file to check; "-" reads standard input')
    .addOption(
      new Option(
        '--format <format>',
        'grammar to check against (default: openmetrics for *.om / *.openmetrics files, else text)',
      ).choices(['text', 'openmetrics']),
    )
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((file: string, options: { format?: string }) => {
      let text: string;
      try {
        text = readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (error) {
        process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const name = file === '-' ? '<stdin>' : file;
      const result = lintExposition(text, resolveFormat(options.format, file));
      if (result.ok) {
        process.stdout.write(`${name}: ok (${result.families} families, ${result.series} series)\n`);
        return;
      }
      process.stdout.write(`${name}:${result.line}:${result.column}: ${result.reason}\n`);
      process.exitCode = 1;
    });
}
