import type { Scorecard } from '../score/scorecard.js';

/** Column headers of the scorecard table. */
export const SCORECARD_COLUMNS: readonly string[] = [
  'policy',
  'SLO viol. s',
  'viol. % time',
  'viol. % min',
  'machine-s',
  'mean mach.',
  'under m-s',
  'under % time',
  'over m-s',
  'over % time',
  'scale chg/h',
  'provider ops/h',
  'errors %',
  'react p50/p90/max s',
];

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** One row of cells per scorecard, in {@link SCORECARD_COLUMNS} order. */
export function scorecardCells(card: Scorecard): string[] {
  const r = card.reaction;
  return [
    card.kind === 'baseline' ? card.policy : `${card.policy} (policy)`,
    int(card.sloViolationSeconds),
    pct(card.sloViolationShare),
    pct(card.sloViolationMinuteShare),
    int(card.machineSeconds),
    card.meanMachines.toFixed(2),
    int(card.underProvisionedMachineSeconds),
    pct(card.underProvisionedShare),
    int(card.overProvisionedMachineSeconds),
    pct(card.overProvisionedShare),
    card.scalingActionsPerHour.toFixed(1),
    card.providerActionsPerHour.toFixed(1),
    pct(card.errorShare),
    r.steps === 0 ? '-' : `${int(r.medianSeconds)}/${int(r.p90Seconds)}/${int(r.maxSeconds)} (${r.steps})`,
  ];
}

/** The scorecards as an aligned plain-text table. */
export function formatScorecardTable(cards: readonly Scorecard[]): string {
  const rows = [SCORECARD_COLUMNS.slice(), ...cards.map(scorecardCells)];
  const widths = SCORECARD_COLUMNS.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '),
    )
    .join('\n');
}
