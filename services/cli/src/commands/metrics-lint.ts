import { readFileSync } from 'node:fs';
import { type ExpositionFormat, formatFromContentType } from '@governor/metrics';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { lintExposition } from '../metrics-lint/lint-exposition.js';

function maxErrors(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number >= 1');
  return n;
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
        'order and +Inf, timestamps (int64 in text), float64 values, UTF-8, LF line ends, exemplars and # EOF. ' +
        'Prints "FILE: ok (N families, M series)" and exits 0 when valid; prints "FILE:LINE:COL: reason" ' +
        'for every error (up to --max-errors) and exits 1 when not; exits 2 on a usage error.',
    )
    .argument('<file>', 'exposition file to check; "-" reads standard input')
    .addOption(
      new Option(
        '--format <format>',
        'grammar to check against (default: openmetrics for *.om / *.openmetrics files, else text)',
      ).choices(['text', 'openmetrics']),
    )
    .option('--max-errors <n>', 'stop after this many errors', maxErrors, 20)
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action((file: string, options: { format?: string; maxErrors: number }) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file === '-' ? 0 : file);
      } catch (error) {
        process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const name = file === '-' ? '<stdin>' : file;
      const result = lintExposition(bytes, resolveFormat(options.format, file), {
        maxErrors: options.maxErrors,
      });
      if (result.ok) {
        process.stdout.write(`${name}: ok (${result.families} families, ${result.series} series)\n`);
        return;
      }
      const lines = result.issues.map((i) => `${name}:${i.line}:${i.column}: ${i.reason}\n`);
      if (result.truncated)
        lines.push(`${name}: more errors not shown (--max-errors ${options.maxErrors})\n`);
      process.stdout.write(lines.join(''));
      process.exitCode = 1;
    });
}
