import { afterEach } from 'vitest';
import type { ClusterHarness } from './cluster-harness.js';

/**
 * Registers an `afterEach` that stops the harness the test used (`harness()`, if any). When the
 * test failed, it first prints each daemon's last 25 log lines to stderr: the daemons' own words
 * are the quickest way to see why a multi-process test failed.
 */
export function stopAfterEach(harness: () => ClusterHarness | undefined): void {
  afterEach(async (ctx) => {
    const h = harness();
    if (ctx.task.result?.state === 'fail') {
      for (const d of h?.daemons ?? []) {
        process.stderr.write(`--- ${d.replicaId} (running: ${d.running}) last log lines ---\n`);
        process.stderr.write(`${d.logs.slice(-25).join('\n')}\n`);
      }
    }
    await h?.stop();
  }, 60_000);
}
