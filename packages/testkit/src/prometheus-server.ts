import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { ensureBinary } from './system-package.js';

/** A private Prometheus server for one test file. */
export interface TestPrometheus {
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its directory; idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startPrometheus}. */
export interface StartPrometheusOptions {
  /** Scrape jobs: job name -> `host:port` targets. */
  readonly jobs: Readonly<Record<string, readonly string[]>>;
  /** Scrape interval in seconds. Default 1. */
  readonly scrapeIntervalSeconds?: number;
}

/**
 * Starts a real `prometheus` (installing the Debian package when missing) on
 * a free loopback port with a generated config scraping `jobs`, and waits
 * until it is ready.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<TestPrometheus> {
  const bin = ensureBinary('prometheus', 'prometheus');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'governor-prometheus-'));
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const jobs = Object.entries(options.jobs).map(
    ([job, targets]) =>
      `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: ${JSON.stringify(targets)}\n`,
  );
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: ${interval}\n  scrape_timeout: ${interval}\n  evaluation_interval: ${interval}\nscrape_configs:\n${jobs.join('')}`,
  );
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1h',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with code ${child.exitCode} before it was ready`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`timed out waiting for prometheus on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url, stop };
}
