import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { MemoryBus, RedisBus, type SnapshotBus } from '@governor/bus';
import { type CollectorConfig, defaultCollectorConfig } from '@governor/config';
import { createLogger, type Logger } from '@governor/telemetry';

/** Collector settings for tests: the defaults (tests drive collectOnce) without jitter. */
export function testSettings(overrides: Partial<CollectorConfig> = {}): CollectorConfig {
  return { ...defaultCollectorConfig(), jitter: 0, ...overrides };
}

/** A logger whose JSON lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      raw.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = createLogger({ name: 'collector-test', level: 'debug', destination });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** A bus factory per implementation, so the same tests run against both. */
export interface BusKind {
  name: 'memory' | 'redis';
  create(redisUrl?: string): SnapshotBus;
}

export const BUS_KINDS: BusKind[] = [
  { name: 'memory', create: () => new MemoryBus() },
  {
    name: 'redis',
    create: (redisUrl) => {
      if (!redisUrl) throw new Error('redis bus needs a url');
      return new RedisBus({ url: redisUrl, prefix: `test:${randomUUID()}:` });
    },
  },
];

/** The value of one series in a Prometheus text exposition, or undefined. */
export function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
