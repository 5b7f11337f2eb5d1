/**
 * The measured side of the collector benchmark, bundled and run under plain
 * node (no TypeScript loader), as a deployed sidecar runs: one collector
 * scraping `--target` every second for `--seconds`, then one JSON line with
 * its CPU time, scrape count and peak RSS.
 */
import { parseArgs } from 'node:util';
import { MemoryBus, type SnapshotBus } from '@governor/bus';
import { createCollector, DEFAULT_COLLECTOR_SETTINGS } from '@governor/collector';
import type { InstanceSnapshot } from '@governor/metrics';
import { silentLogger } from '@governor/telemetry';

const { values } = parseArgs({ options: { target: { type: 'string' }, seconds: { type: 'string' } } });
const seconds = Number(values.seconds);
const target = values.target as string;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// Every scrape lands in exactly one window's snapshot: count them there.
let scrapes = 0;
const inner = new MemoryBus();
const bus: SnapshotBus = {
  publish: (s: InstanceSnapshot) => {
    scrapes += s.scrape.ok + s.scrape.failed;
    return inner.publish(s);
  },
  latest: (app?: string) => inner.latest(app),
  close: () => inner.close(),
};
const collector = createCollector({
  app: { name: 'bench' },
  identity: { app: 'bench', instance: 'i-1', region: 'local' },
  targets: [target],
  bus,
  settings: { ...DEFAULT_COLLECTOR_SETTINGS, scrapeInterval: 1000, scrapeTimeout: 900, jitter: 0 },
  logger: silentLogger(),
});
// Warm up (JIT, first connection), then measure.
await collector.collectOnce();
await collector.collectOnce();
scrapes = 0;
const rssAfterWarmup = process.memoryUsage().rss;
const cpuBefore = cpuMs();
collector.start();
await new Promise((r) => setTimeout(r, seconds * 1000));
await collector.stop();
const cpu = cpuMs() - cpuBefore;
const last = collector.lastSnapshot;
process.stdout.write(
  `${JSON.stringify({
    scrapes,
    cpuMs: cpu,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssAfterWarmupMb: rssAfterWarmup / 1048576,
    ready: last?.ready ?? false,
    failed: last?.scrape.failed ?? 0,
  })}\n`,
);
