/**
 * Collector benchmark: the Governor collector against Prometheus in agent
 * mode, in the same run, on the same targets. For each payload (1,000 and
 * 5,000 series of exposition text, served by a target in its own process)
 * both tools scrape it every second at the same time:
 *
 * - the collector bundle under plain node, as the image runs it (policy with
 *   a 1 s scrape interval; `--node-flags` adds node flags);
 * - `prometheus --enable-feature=agent` (the Debian package, installed when
 *   missing), remote-writing every sample to a sink in the target process so
 *   it does the work an agent does.
 *
 * After `--warmup` scrapes, each tool's CPU (utime + stime from
 * /proc/<pid>/stat) is measured over `--scrapes` scrapes (counted by the
 * target), and its RSS sampled (VmRSS: median = steady; VmHWM = peak).
 * Prints both tools' figures per payload, then, last,
 * `collector-cpu-vs-prometheus-agent: N.NN`: Governor's CPU per 1,000 series
 * per scrape over both payloads, divided by the agent's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchChild, startChild } from './child.js';
import { buildExposition } from './exposition.js';
import { processCpuMs, processRss } from './proc-stats.js';
import { bundleCollector, startGovernorCollector, startPrometheusAgent } from './tools.js';

const { values } = parseArgs({
  options: {
    scrapes: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    series: { type: 'string', default: '1000,5000' },
    /** Extra node flags for the collector process, e.g. `--max-semi-space-size=1`. */
    'node-flags': { type: 'string', default: '' },
  },
});
const scrapes = Number(values.scrapes);
const warmup = Number(values.warmup);
const sizes = String(values.series).split(',').map(Number);
const nodeFlags = String(values['node-flags']).split(' ').filter(Boolean);
if (!(scrapes >= 3) || !(warmup >= 1) || sizes.some((n) => !(n >= 100))) {
  process.stderr.write(
    '--scrapes >= 3, --warmup >= 1 and --series (comma-separated, each >= 100) expected\n',
  );
  process.exit(2);
}

interface Measured {
  cpuMs: number;
  scrapes: number;
  rssMb: number;
  peakMb: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'governor-bench-collector-'));
const children: BenchChild[] = [];
let bundle: string | undefined;

/** Scrapes of each target per scraper, and remote-write traffic, as the target counted them. */
async function targetStats(
  port: number,
): Promise<{ scrapes: Record<string, number>; writes: number; writeBytes: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/stats`);
  return (await res.json()) as { scrapes: Record<string, number>; writes: number; writeBytes: number };
}

/** Waits for `warmup` scrapes, then measures CPU and RSS of `child` over the next `scrapes`. */
async function measure(child: BenchChild, port: number, key: string, deadline: number): Promise<Measured> {
  const count = async (): Promise<number> => (await targetStats(port)).scrapes[key] ?? 0;
  const check = (what: string): void => {
    if (child.process.exitCode !== null) throw new Error(`${key}: process exited:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${key}: timed out ${what}:\n${child.output()}`);
  };
  while ((await count()) < warmup) {
    check('warming up');
    await sleep(100);
  }
  const c0 = await count();
  const cpu0 = processCpuMs(child.pid);
  const rss: number[] = [];
  let c1 = c0;
  while (c1 < c0 + scrapes) {
    check('measuring');
    rss.push(processRss(child.pid).rssMb);
    await sleep(200);
    c1 = await count();
  }
  const cpuMs = processCpuMs(child.pid) - cpu0;
  return { cpuMs, scrapes: c1 - c0, rssMb: median(rss), peakMb: processRss(child.pid).peakMb };
}

const perK = (m: Measured, series: number): number => m.cpuMs / m.scrapes / (series / 1000);
const line = (tool: string, series: number, kib: number, m: Measured): string =>
  `${tool.padEnd(18)} ${String(series).padStart(5)} series (${kib} KiB): ${m.scrapes} scrapes, cpu ${m.cpuMs.toFixed(0)} ms, ` +
  `${perK(m, series).toFixed(2)} ms per 1k series per scrape; RSS steady ${m.rssMb.toFixed(1)} MB, peak ${m.peakMb.toFixed(1)} MB`;

try {
  bundle = bundleCollector();
  const bodies = sizes.map((n) => ({
    series: n,
    body: buildExposition(n),
    file: join(dir, `metrics-${n}.txt`),
  }));
  for (const b of bodies) writeFileSync(b.file, b.body);
  const targetScript = fileURLToPath(new URL('./target.mjs', import.meta.url));
  const target = startChild('target', process.execPath, [
    targetScript,
    ...bodies.map((b) => `${b.series}=${b.file}`),
  ]);
  children.push(target);
  const port = Number((await target.waitFor(/listening (\d+)/, 10_000))[1]);
  console.log(
    `Governor collector (bundle, plain node${nodeFlags.length > 0 ? ` ${nodeFlags.join(' ')}` : ''}) and ` +
      `prometheus --enable-feature=agent (remote-write to a local sink), both scraping each target every 1 s; ` +
      `${warmup} warm-up scrapes, then ${scrapes} measured`,
  );
  const totals = { governor: { cpu: 0, work: 0 }, agent: { cpu: 0, work: 0 } };
  for (const { series, body } of bodies) {
    const url = `http://127.0.0.1:${port}/${series}/metrics`;
    const runDir = mkdtempSync(join(dir, `run-${series}-`));
    const governor = startGovernorCollector(bundle, runDir, url, nodeFlags);
    const agent = startPrometheusAgent(runDir, url, `http://127.0.0.1:${port}/write`);
    children.push(governor, agent);
    try {
      const deadline = Date.now() + (warmup + scrapes) * 4000 + 60_000;
      const writesBefore = await targetStats(port);
      const [g, a] = await Promise.all([
        measure(governor, port, `/${series}/metrics governor`, deadline),
        measure(agent, port, `/${series}/metrics prometheus`, deadline),
      ]);
      const writesAfter = await targetStats(port);
      const kib = Math.round(body.length / 1024);
      console.log(line('governor collector', series, kib, g));
      console.log(
        `${line('prometheus agent', series, kib, a)}; remote-write ${writesAfter.writes - writesBefore.writes} requests, ` +
          `${((writesAfter.writeBytes - writesBefore.writeBytes) / 1024).toFixed(0)} KiB`,
      );
      totals.governor.cpu += g.cpuMs;
      totals.governor.work += (g.scrapes * series) / 1000;
      totals.agent.cpu += a.cpuMs;
      totals.agent.work += (a.scrapes * series) / 1000;
    } finally {
      await Promise.all([governor.stop(), agent.stop()]);
    }
  }
  const gov = totals.governor.cpu / totals.governor.work;
  const agent = totals.agent.cpu / totals.agent.work;
  console.log(
    `cpu ms per 1k series per scrape, all payloads: governor ${gov.toFixed(2)}, prometheus agent ${agent.toFixed(2)}`,
  );
  console.log(`collector-cpu-vs-prometheus-agent: ${(gov / agent).toFixed(2)}`);
} finally {
  await Promise.all(children.map((c) => c.stop()));
  rmSync(dir, { recursive: true, force: true });
  if (bundle) rmSync(bundle, { force: true });
}
