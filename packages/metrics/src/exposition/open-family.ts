import type { PointAccumulator } from './point-accumulator.js';
import type { MetricSeries, MetricType } from './types.js';

/** A family while its lines are being read. */
export interface OpenFamily {
  readonly name: string;
  type: MetricType;
  typeSet: boolean;
  help: string | undefined;
  unit: string | undefined;
  hasSamples: boolean;
  readonly wanted: boolean;
  /** Sample name -> suffix, for the sample names this family owns. */
  owned: Map<string, string>;
  readonly series: MetricSeries[];
  /** Keys (see `LineLexer.groupKey`) of every series the family has had. */
  readonly groupsSeen: Set<string>;
  /** Key of the series written by the last line when that line was a single-value series. */
  lastSingleKey: string | undefined;
  point: PointAccumulator | undefined;
}
