import type { FrontierPoint } from '../score/iso-slo-cost.js';
import { alignTable } from './scorecard-table.js';

/** HPA's frontier as a plain-text table: CPU target, machine-seconds and share of minutes violated. */
export function formatFrontierTable(frontier: readonly FrontierPoint[]): string {
  return alignTable(
    ['hpa CPU target', 'machine-s', 'viol. % min'],
    frontier.map((p) => [
      `${Math.round(p.cpuTarget * 100)}%`,
      Math.round(p.machineSeconds).toLocaleString('en-US'),
      `${(p.sloViolationMinuteShare * 100).toFixed(2)}%`,
    ]),
  );
}
