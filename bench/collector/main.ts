/**
 * Collector benchmark: a real collector scrapes a 5,000-series target every
 * second for 60 s (`--seconds N` to shorten). The collector runs bundled
 * under plain node in its own process, as a deployed sidecar does (the tsx
 * loader alone costs ~35 MB RSS), and reports its CPU time and peak RSS; the
 * target runs in a third process.
 *
 * Baselines, in this run, on the same body: a full parse without the
 * selective fast path (every family built), and the naive parser
 * `parse-prometheus-text-format`, against the collector's own selective parse.
 * Prints the ratios, then, last, `collector-cpu-ms-per-1k-series: N.NN`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseExposition } from '@governor/metrics';
import { build } from 'esbuild';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildExposition } from './exposition.js';

const SERIES = 5000;
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    /** Extra node flags for the collector process, e.g. `--max-semi-space-size=1`. */
    'node-flags': { type: 'string', default: '' },
  },
});
const nodeFlags = (values['node-flags'] ?? '').split(' ').filter(Boolean);
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds < 2) {
  process.stderr.write('--seconds must be a number >= 2\n');
  process.exit(2);
}

interface SidecarReport {
  scrapes: number;
  cpuMs: number;
  peakRssMb: number;
  rssAfterWarmupMb: number;
  ready: boolean;
  failed: number;
}

function run(
  args: string[],
  onLine: (line: string) => void,
): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    let nl = out.indexOf('\n');
    while (nl >= 0) {
      onLine(out.slice(0, nl));
      out = out.slice(nl + 1);
      nl = out.indexOf('\n');
    }
  });
  const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { done, kill: () => child.kill('SIGTERM') };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'governor-bench-collector-'));
const body = buildExposition(SERIES);
const bodyFile = join(dir, 'metrics.txt');
writeFileSync(bodyFile, body);
const bundle = join(dir, 'sidecar-run.mjs');
await build({
  entryPoints: [fileURLToPath(new URL('./sidecar-run.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  conditions: ['governor-source'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'error',
});

let port = 0;
const target = run([fileURLToPath(new URL('./target.mjs', import.meta.url)), bodyFile], (line) => {
  const m = /listening (\d+)/.exec(line);
  if (m) port = Number(m[1]);
});
try {
  for (let i = 0; i < 100 && port === 0; i++) await new Promise((r) => setTimeout(r, 50));
  if (port === 0) throw new Error('target did not start');
  let report: SidecarReport | undefined;
  const sidecar = run(
    [...nodeFlags, bundle, '--target', `http://127.0.0.1:${port}/metrics`, '--seconds', String(seconds)],
    (line) => {
      report = JSON.parse(line) as SidecarReport;
    },
  );
  if ((await sidecar.done) !== 0 || !report) throw new Error('the collector process failed');
  const r = report as SidecarReport;
  const perScrape = r.cpuMs / Math.max(1, r.scrapes);
  console.log(
    `collector (plain node${nodeFlags.length > 0 ? ` ${nodeFlags.join(' ')}` : ''}, own process): ${r.scrapes} scrapes of ${SERIES} series ` +
      `(${(body.length / 1024).toFixed(0)} KiB) in ${seconds} s, failed ${r.failed}; cpu ${r.cpuMs.toFixed(1)} ms, ` +
      `${perScrape.toFixed(2)} ms per scrape; RSS after warm-up ${r.rssAfterWarmupMb.toFixed(1)} MB, peak ${r.peakRssMb.toFixed(1)} MB`,
  );

  // Parse-only comparison on the same body, in a tight loop in this process.
  const iterations = 100;
  const wanted = new Set(['http_request_duration_seconds']);
  const timeLoop = (f: () => unknown): number => {
    for (let i = 0; i < 10; i++) f();
    const t0 = cpuMs();
    for (let i = 0; i < iterations; i++) f();
    return (cpuMs() - t0) / iterations;
  };
  const selective = timeLoop(() => parseExposition(body, { format: 'text', families: wanted }));
  const full = timeLoop(() => parseExposition(body, { format: 'text' }));
  const naive = timeLoop(() => parsePrometheusTextFormat(body));
  console.log(
    `parse only, selective fast path (what the collector runs): ${selective.toFixed(2)} ms per scrape`,
  );
  console.log(`baseline full-parse (every family, no fast path): ${full.toFixed(2)} ms per scrape`);
  console.log(`baseline parse-prometheus-text-format (naive): ${naive.toFixed(2)} ms per scrape`);
  console.log(`peak-rss-mb: ${r.peakRssMb.toFixed(1)}`);
  console.log(`ratio naive / selective parse: ${(naive / selective).toFixed(2)}x`);
  console.log(`ratio full-parse / selective parse: ${(full / selective).toFixed(2)}x`);
  console.log(`collector-cpu-ms-per-1k-series: ${(perScrape / (SERIES / 1000)).toFixed(2)}`);
} finally {
  target.kill();
  rmSync(dir, { recursive: true, force: true });
}
