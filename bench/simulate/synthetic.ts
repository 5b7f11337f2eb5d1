/**
 * Simulation benchmark on generated traces: replays seeded synthetic traces of
 * four shapes (diurnal, flash-crowd, surge, chat; see `syntheticTrace`) with
 * their peak rescaled to 6 and to 20 machines (the app's max raised to match)
 * on the demo machine and on a roomier one, against the shipped policy,
 * hpa-default, the oracle and HPA at CPU targets 40-90% (its frontier). Per
 * run it prints the policy's machine-seconds against the oracle's and
 * against HPA's frontier at the same share of SLO-violation minutes, its
 * violation minutes and its scale changes per hour against hpa-default's;
 * then the worst of each over all runs, `iso-slo-cost-vs-hpa` last.
 *
 *   pnpm --filter @governor/bench run simulate:synthetic [--config FILE.yaml]
 *        [--shapes diurnal,flash-crowd,surge,chat] [--models demo,roomy] [--peaks 6,20]
 *        [--seed N] [--set path=value ...] [--tick MS] [--window MS]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrThrow } from '@governor/config';
import {
  type MachineModel,
  pickApp,
  SYNTHETIC_SHAPES,
  type SyntheticShape,
  simulate,
  syntheticTrace,
} from '@governor/simulator';
import { applyOverrides } from './overrides.js';
import { formatReactiveIdeal } from './summary.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    config: { type: 'string', default: resolve(root, 'examples', 'governor.yaml') },
    shapes: { type: 'string', default: SYNTHETIC_SHAPES.join(',') },
    models: { type: 'string', default: 'demo,roomy' },
    peaks: { type: 'string', default: '6,20' },
    seed: { type: 'string', default: '1' },
    set: { type: 'string', multiple: true, default: [] },
    tick: { type: 'string' },
    window: { type: 'string' },
  },
});

const MODELS: Record<string, { model: Partial<MachineModel>; slo: number }> = {
  demo: { model: { concurrency: 2, serviceTime: 50, serviceVariability: 0 }, slo: 250 },
  roomy: { model: { concurrency: 20, serviceTime: 200, serviceVariability: 1 }, slo: 1000 },
};

const fromCwd = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
const loaded = loadConfigOrThrow(fromCwd(values.config ?? ''), { checkEnv: false });
const baseApp = pickApp(loaded);
const seed = Number(values.seed);

interface Row {
  readonly label: string;
  readonly costVsOracle: number;
  readonly isoSlo: number;
  readonly beyond: boolean;
  readonly violation: number;
  readonly oracleViolation: number;
  readonly churnVsHpa: number;
}
const rows: Row[] = [];
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

for (const shape of (values.shapes ?? '').split(',') as SyntheticShape[]) {
  const trace = syntheticTrace({ shape, seed });
  for (const m of (values.models ?? '').split(',')) {
    const spec = MODELS[m];
    if (spec === undefined) throw new Error(`unknown model ${m}`);
    for (const peak of (values.peaks ?? '').split(',').map(Number)) {
      // The policy is held to the SLO it is scored against, as a user of that machine would write it.
      const targets = baseApp.targets.map((t) => (t.type === 'latency' ? { ...t, slo: spec.slo } : t));
      const app = applyOverrides({ ...baseApp, targets, max: Math.max(baseApp.max, peak) }, values.set ?? []);
      const config = { ...loaded, apps: [app] };
      const common = {
        trace,
        peakMachines: peak,
        model: spec.model,
        slo: spec.slo,
        quantile: 'p99' as const,
        ...(values.tick === undefined ? {} : { tick: Number(values.tick) }),
        ...(values.window === undefined ? {} : { window: Number(values.window) }),
      };
      const main = await simulate({
        ...common,
        config,
        baselines: ['hpa-default', 'oracle', 'hpa-frontier', 'reactive-ideal'],
      });
      const policy = main.scorecards.find((c) => c.kind === 'policy');
      const hpa = main.scorecards.find((c) => c.policy === 'hpa-default');
      const oracle = main.scorecards.find((c) => c.policy === 'oracle');
      if (!policy || !hpa || !oracle) throw new Error('missing scorecard');
      const row: Row = {
        label: `${shape} ${m} peak ${peak}`,
        costVsOracle: policy.costVsOracle ?? Number.NaN,
        isoSlo: policy.isoSloCostVsHpa ?? Number.NaN,
        beyond: policy.beyondFrontier ?? false,
        violation: policy.sloViolationMinuteShare,
        oracleViolation: oracle.sloViolationMinuteShare,
        churnVsHpa: policy.scalingActionsPerHour / Math.max(hpa.scalingActionsPerHour, 1e-9),
      };
      const fr = (main.hpaFrontier ?? [])
        .filter((_, i) => i % 2 === 0)
        .map(
          (f) =>
            `${Math.round(f.cpuTarget * 100)}%:${(f.machineSeconds / oracle.machineSeconds).toFixed(2)}/${pct(f.sloViolationMinuteShare)}`,
        );
      rows.push(row);
      process.stdout.write(
        `${row.label.padEnd(24)} cost-vs-oracle ${row.costVsOracle.toFixed(2)}  iso-slo-vs-hpa ${row.isoSlo.toFixed(2)}${row.beyond ? '*' : ' '}  ` +
          `viol ${pct(row.violation)} (oracle ${pct(row.oracleViolation)}, hpa ${pct(hpa.sloViolationMinuteShare)} at ${(hpa.machineSeconds / oracle.machineSeconds).toFixed(2)})  ` +
          `chg/h ${policy.scalingActionsPerHour.toFixed(1)} vs hpa ${hpa.scalingActionsPerHour.toFixed(1)}  frontier(cost vs oracle/viol) ${fr.join(' ')}\n    ${formatReactiveIdeal(main) ?? ''}\n`,
      );
    }
  }
}
const worst = (f: (r: Row) => number) => Math.max(...rows.map(f));
process.stdout.write(`cost-vs-oracle: ${worst((r) => r.costVsOracle).toFixed(2)}\n`);
process.stdout.write(`scale-changes-per-hour-vs-hpa: ${worst((r) => r.churnVsHpa).toFixed(2)}\n`);
process.stdout.write(`slo-violation-minutes: ${(worst((r) => r.violation) * 100).toFixed(2)}%\n`);
process.stdout.write(`iso-slo-cost-vs-hpa: ${worst((r) => r.isoSlo).toFixed(2)}\n`);
