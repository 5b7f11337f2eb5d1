import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Highest bucket bound whose cumulative count is below 99% of the total, from a scrape. */
function p99Bucket(body: string): number {
  const buckets: Array<[number, number]> = [];
  for (const line of body.split('\n')) {
    const m = /^http_request_duration_seconds_bucket\{.*le="([^"]+)".*status_code="200".*\} (\d+)/.exec(line);
    if (m) buckets.push([m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]), Number(m[2])]);
  }
  const total = buckets.at(-1)?.[1] ?? 0;
  const hit = buckets.find(([, c]) => c >= total * 0.99);
  return hit?.[0] ?? Number.NaN;
}

describe('demo app (real process)', () => {
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        PORT: String(port),
        GOVERNOR_INSTANCE_ID: 'demo-test',
        DEMO_CONCURRENCY: '2',
        DEMO_SERVICE_TIME_MS: '400',
        DEMO_QUEUE_LIMIT: '10',
        DEMO_CPU_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    base = `http://127.0.0.1:${port}`;
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    expect(chunk.toString()).toContain('listening');
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('answers /healthz with its instance id', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, instance: 'demo-test' });
  });

  it('queues beyond its concurrency (latency rises) and answers 503 when the queue is full', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}/`)));
    const statuses = burst.map((r) => r.status);
    const ok = statuses.filter((s) => s === 200).length;
    const rejected = statuses.filter((s) => s === 503).length;
    // 2 served + 10 queued at once; the rest are turned away, unless a slot freed up (400 ms) before
    // every request arrived on a busy machine.
    expect(ok + rejected).toBe(30);
    expect(ok).toBeGreaterThanOrEqual(12);
    expect(rejected).toBeGreaterThanOrEqual(1);

    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain('http_request_duration_seconds_bucket');
    expect(body).toContain(`http_requests_total{method="GET",route="/",status_code="503"} ${rejected}`);
    // Twelve or more requests through two slots of 400 ms: the last waits about six service times.
    expect(p99Bucket(body)).toBeGreaterThanOrEqual(2);
  });

  it('exits cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
