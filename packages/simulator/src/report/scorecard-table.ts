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

/** Columns added when the scorecards carry relative costs (`costVsOracle`, `isoSloCostVsHpa`). */
export const RELATIVE_COST_COLUMNS: readonly string[] = ['vs oracle', 'iso-SLO vs HPA'];

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

/** The relative-cost cells of a scorecard, in {@link RELATIVE_COST_COLUMNS} order ('-' where absent; '*' marks beyond the frontier). */
export function relativeCostCells(card: Scorecard): string[] {
  return [
    card.costVsOracle === undefined ? '-' : card.costVsOracle.toFixed(2),
    card.isoSloCostVsHpa === undefined
      ? '-'
      : `${card.isoSloCostVsHpa.toFixed(2)}${card.beyondFrontier ? '*' : ''}`,
  ];
}

/**
 * The scorecards as an aligned plain-text table; with relative costs, two
 * more columns ({@link RELATIVE_COST_COLUMNS}).
 */
export function formatScorecardTable(cards: readonly Scorecard[]): string {
  const relative = cards.some((c) => c.costVsOracle !== undefined || c.isoSloCostVsHpa !== undefined);
  const columns = relative ? [...SCORECARD_COLUMNS, ...RELATIVE_COST_COLUMNS] : SCORECARD_COLUMNS.slice();
  return alignTable(
    columns,
    cards.map((c) => (relative ? [...scorecardCells(c), ...relativeCostCells(c)] : scorecardCells(c))),
  );
}

/** Rows of cells as a plain-text table: first column left-aligned, the others right-aligned. */
export function alignTable(columns: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = [columns, ...cells];
  const widths = columns.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '),
    )
    .join('\n');
}
