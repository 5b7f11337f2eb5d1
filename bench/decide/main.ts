/**
 * bench:decide — one autoscaler tick over 10,000 apps x 3 metrics (cpu, rps,
 * p99 latency) x 50 instances, against the naive baseline `naive-proposals`
 * (averages through intermediate arrays, fleet p99 by expanding and sorting
 * every observation). Prints the ratio, then `decide-ms-per-10k-apps: N.N`
 * as the last line.
 */
import type { AppConfig } from '@governor/config';
import { appFrom } from '@governor/config/testing';
import { decide } from '@governor/scaler';
import { buildFleet } from './fleet.js';
import { naiveProposals } from './naive-proposals.js';
import { walkFleet } from './walk-floor.js';

const APPS = Number(process.env.BENCH_APPS ?? 10_000);
const INSTANCES = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const NOW = Date.UTC(2026, 2, 2, 10, 0, 0);

/** Every app's policy: 2..100 machines on cpu 60%, 50 rps and p99 at 80% of 250 ms, HPA's default behavior, a warm pool. */
const BASE = {
  name: 'app',
  provider: 'fly',
  min: 2,
  max: 100,
  targets: [
    { type: 'cpu', utilization: '60%' },
    { type: 'rps', perMachine: 50 },
    { type: 'latency', quantile: 'p99', slo: '250ms' },
  ],
  warmPool: 1,
};
const TEMPLATE = appFrom(BASE);

function policy(i: number): AppConfig {
  return { ...TEMPLATE, name: `app-${i}` };
}

/** The template with a weekday business-hours floor in a zone with DST: every decide evaluates a schedule. */
const SCHEDULED = appFrom({
  ...BASE,
  schedules: [
    { name: 'business-hours', cron: '0 9 * * 1-5', timezone: 'Europe/Amsterdam', duration: '8h', min: 4 },
  ],
});

/**
 * Best and median wall time of ROUNDS timed runs after one untimed warm-up
 * run (JIT), plus the best process CPU time (less sensitive to a shared box).
 */
function time(run: () => number): { ms: number; median: number; cpuMs: number; check: number } {
  let check = run();
  const all: number[] = [];
  let cpuMs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    check = run();
    all.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000);
  }
  all.sort((a, b) => a - b);
  return { ms: all[0] as number, median: all[Math.floor(all.length / 2)] as number, cpuMs, check };
}

const fleet = buildFleet(APPS, INSTANCES, policy);
const scale = 10_000 / APPS;

// Every decision's explanation is read, so the timed work is the complete decision a daemon
// logs (nothing can be left to a lazy getter); its total length is printed as a check.
let explained = 0;
const decideRun = time(() => {
  let total = 0;
  explained = 0;
  for (const app of fleet) {
    const d = decide(app.policy, app.observations, app.history, NOW);
    total += d.desired;
    explained += d.explanation.length;
  }
  return total;
});
// The same tick with a schedule on every app (time-zone offsets read on every decide).
const scheduledFleet = fleet.map((app) => ({ ...app, policy: { ...SCHEDULED, name: app.policy.name } }));
const scheduledRun = time(() => {
  let total = 0;
  for (const app of scheduledFleet) total += decide(app.policy, app.observations, app.history, NOW).desired;
  return total;
});
const naiveRun = time(() => {
  let total = 0;
  for (const app of fleet) total += naiveProposals(app.policy, app.observations);
  return total;
});

// The floor: only the reads decide must make from every machine, as decide splits them
// (one pass per target) and fused into one pass.
const passesRun = time(() => walkFleet(fleet, 'passes'));
const fusedRun = time(() => walkFleet(fleet, 'fused'));

// Machine speed reference: this box is shared, so print how fast a trivial loop runs right now.
const calibration = (() => {
  const xs = Array.from({ length: 1000 }, (_, i) => ({ cpu: i / 1000, ready: i % 50 !== 0 }));
  const t0 = process.hrtime.bigint();
  let sum = 0;
  for (let r = 0; r < 10_000; r++) for (const m of xs) if (m.ready) sum += m.cpu;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, sum };
})();

const decideMs = decideRun.ms * scale;
const naiveMs = naiveRun.ms * scale;
const f = (x: number) => (x * scale).toFixed(1);
console.log(
  `apps=${APPS} instances=${INSTANCES} metrics=3 (cpu, rps, p99 latency) rounds=${ROUNDS} after 1 warm-up`,
);
console.log(
  `decide (full explained decisions): best ${f(decideRun.ms)} ms, median ${f(decideRun.median)} ms, cpu ${f(decideRun.cpuMs)} ms per 10k apps (sum desired ${decideRun.check}, explanation chars ${explained})`,
);
console.log(
  `decide, every app with a schedule: best ${f(scheduledRun.ms)} ms, median ${f(scheduledRun.median)} ms, cpu ${f(scheduledRun.cpuMs)} ms per 10k apps (sum desired ${scheduledRun.check})`,
);
console.log(
  `naive-proposals (baseline):        best ${f(naiveRun.ms)} ms, median ${f(naiveRun.median)} ms, cpu ${f(naiveRun.cpuMs)} ms per 10k apps (sum proposed ${naiveRun.check})`,
);
console.log(
  `floor, reads only, one pass per target: best ${f(passesRun.ms)} ms (cpu ${f(passesRun.cpuMs)}); fused into one pass: best ${f(fusedRun.ms)} ms (cpu ${f(fusedRun.cpuMs)}) per 10k apps`,
);
console.log(
  `calibration: 10M trivial loop iterations took ${calibration.ms.toFixed(0)} ms (${((calibration.ms * 1e6) / 1e7).toFixed(1)} ns each; ~1-2 ns on an idle machine)`,
);
console.log(`naive-proposals / decide (best): ${(naiveMs / decideMs).toFixed(2)}x`);
console.log(`decide-ms-per-10k-apps: ${decideMs.toFixed(1)}`);
