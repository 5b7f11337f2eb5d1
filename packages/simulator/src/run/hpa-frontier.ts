import type { AppConfig } from '@governor/config';
import { HPA_DEFAULT_CPU_TARGET, HPA_FRONTIER_TARGETS, hpaDefaultPolicy } from '../policies/baselines.js';
import type { FrontierPoint } from '../score/iso-slo-cost.js';
import type { Scorecard } from '../score/scorecard.js';
import { decideController } from './controller.js';
import { type ProgressFn, runController } from './run-controller.js';
import type { SimulationSetup } from './simulation-setup.js';

/**
 * Runs hpa-default at each CPU target of `targets` over the whole simulation
 * and returns its frontier: machine-seconds and SLO-violation minute share per
 * target. `hpaDefault` (hpa-default's own scorecard, when already run) stands
 * in for its target instead of a second identical run.
 */
export async function runHpaFrontier(
  setup: SimulationSetup,
  app: AppConfig,
  hpaDefault: Scorecard | undefined,
  onProgress?: (policy: string, done: number, total: number) => void,
  targets: readonly number[] = HPA_FRONTIER_TARGETS,
): Promise<FrontierPoint[]> {
  const out: FrontierPoint[] = [];
  for (const cpuTarget of targets) {
    let card = cpuTarget === HPA_DEFAULT_CPU_TARGET ? hpaDefault : undefined;
    if (!card) {
      const name = `hpa@${Math.round(cpuTarget * 100)}%`;
      const controller = decideController(
        name,
        'baseline',
        hpaDefaultPolicy(app, cpuTarget),
        setup.regions,
        setup.split,
        setup.epoch,
      );
      const progress: ProgressFn | undefined = onProgress ? (d, t) => onProgress(name, d, t) : undefined;
      card = (await runController(setup, controller, [], progress)).scorecard;
    }
    out.push({
      cpuTarget,
      machineSeconds: card.machineSeconds,
      sloViolationMinuteShare: card.sloViolationMinuteShare,
    });
  }
  return out;
}
