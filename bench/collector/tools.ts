import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinary } from '@governor/testkit';
import { type BenchChild, startChild } from './child.js';

const COLLECTOR_DIR = fileURLToPath(new URL('../../services/collector/', import.meta.url));

/**
 * Bundles the collector with its own bundle script, as the image build does.
 * The bundle lands under services/collector/dist/ (its OpenTelemetry SDK
 * resolves from that package's node_modules) and is returned by path.
 */
export function bundleCollector(): string {
  const out = join(COLLECTOR_DIR, 'dist', 'bench', 'governor-collector.mjs');
  execFileSync(process.execPath, [join(COLLECTOR_DIR, 'scripts', 'bundle.mjs'), '--out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

/**
 * Starts the collector bundle under plain node (as the image runs it, plus
 * `nodeFlags`), scraping `target` every second per a policy in `dir`.
 */
export function startGovernorCollector(
  bundle: string,
  dir: string,
  target: string,
  nodeFlags: readonly string[],
): BenchChild {
  const policy = join(dir, 'policy.yaml');
  writeFileSync(
    policy,
    [
      'version: 1',
      'collector: { scrapeInterval: 1s, scrapeTimeout: 900ms, jitter: 0 }',
      'providers: { none: { type: local, command: "true", portRange: [9000, 9001] } }',
      'apps:',
      '  - { name: bench, provider: none, min: 1, max: 1, targets: [{ type: latency, quantile: p99, slo: 250ms }] }',
      '',
    ].join('\n'),
  );
  return startChild('governor collector', process.execPath, [
    ...nodeFlags,
    bundle,
    '--config',
    policy,
    '--target',
    target,
    '--listen',
    '127.0.0.1:0',
    '--log-level',
    'warn',
  ]);
}

/**
 * Starts `prometheus --enable-feature=agent` (Debian package `prometheus`,
 * installed when missing) scraping `target` every second and remote-writing
 * every sample to `writeUrl`, with its WAL in a directory under `dir`.
 */
export function startPrometheusAgent(dir: string, target: string, writeUrl: string): BenchChild {
  const prometheus = ensureBinary('prometheus', 'prometheus');
  const url = new URL(target);
  const config = join(dir, 'prometheus-agent.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, scrape_timeout: 900ms }',
      'scrape_configs:',
      `  - job_name: bench`,
      `    metrics_path: ${url.pathname}`,
      `    static_configs: [{ targets: ['${url.host}'] }]`,
      'remote_write:',
      `  - url: ${writeUrl}`,
      '',
    ].join('\n'),
  );
  const storage = join(dir, 'agent-wal');
  mkdirSync(storage, { recursive: true });
  return startChild('prometheus agent', prometheus, [
    '--enable-feature=agent',
    `--config.file=${config}`,
    `--storage.agent.path=${storage}`,
    '--web.listen-address=127.0.0.1:0',
    '--log.level=warn',
  ]);
}
