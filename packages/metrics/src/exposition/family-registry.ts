import { suffixesOf, typeFromToken } from './family-rules.js';
import type { LineLexer } from './line-lexer.js';
import type { OpenFamily } from './open-family.js';
import { ExpositionParseError } from './parse-error.js';
import type { PointAccumulator } from './point-accumulator.js';
import type { MetricFamily, MetricSeries, MetricType } from './types.js';

/** The kinds of metadata line. */
export type MetadataKind = 'HELP' | 'TYPE' | 'UNIT';

const UNIT_PATTERN = /^[a-zA-Z0-9_:]*$/;

/**
 * The families of an exposition: opens and closes them in order, applies
 * HELP/TYPE/UNIT (at most once, before samples, unit matching the name), and
 * keeps every family and owned sample name so that repeated families and
 * clashing names are errors.
 */
export class FamilyRegistry {
  protected readonly families: MetricFamily[] = [];
  /** Every family and owned sample name seen so far -> the family that claimed it. */
  protected readonly claims = new Map<string, string>();
  protected cur: OpenFamily | undefined;

  constructor(
    protected readonly lexer: LineLexer,
    protected readonly om: boolean,
    protected readonly wanted: ReadonlySet<string> | undefined,
  ) {}

  /** A HELP, TYPE or UNIT line for `name` (value already unescaped). */
  metadata(kind: MetadataKind, name: string, value: string, nameAt: number, valueAt: number): void {
    const lx: LineLexer = this.lexer;
    let f = this.cur;
    if (f !== undefined && f.name === name) {
      if (f.hasSamples)
        lx.fail(lx.start, `${kind} for "${name}" after its samples (metadata must come first)`);
    } else {
      f = this.open(name, nameAt);
    }
    if (kind === 'HELP') {
      if (f.help !== undefined) lx.fail(lx.start, `second HELP for "${name}"`);
      f.help = value;
    } else if (kind === 'TYPE') {
      if (f.typeSet) lx.fail(lx.start, `second TYPE for "${name}"`);
      const type = typeFromToken(value, this.om);
      if (type === null) lx.fail(valueAt, `unknown metric type "${value}"`);
      f.type = type;
      f.typeSet = true;
      this.checkUnitType(f, valueAt);
      f.owned = new Map();
      for (const suffix of suffixesOf(type, this.om)) {
        f.owned.set(name + suffix, suffix);
        if (suffix === '') continue;
        const owner = this.claims.get(name + suffix);
        if (owner !== undefined) {
          lx.fail(valueAt, `${type} "${name}" owns "${name + suffix}", which clashes with family "${owner}"`);
        }
        this.claims.set(name + suffix, name);
      }
    } else {
      if (f.unit !== undefined) lx.fail(lx.start, `second UNIT for "${name}"`);
      if (!UNIT_PATTERN.test(value)) lx.fail(valueAt, `invalid unit "${value}"`);
      if (value !== '' && !name.endsWith(`_${value}`)) {
        lx.fail(valueAt, `unit "${value}" does not match the metric name (it must end with "_${value}")`);
      }
      f.unit = value;
      this.checkUnitType(f, valueAt);
    }
  }

  protected checkUnitType(f: OpenFamily, at: number): void {
    if (f.unit !== undefined && f.unit !== '' && (f.type === 'info' || f.type === 'stateset')) {
      this.lexer.fail(at, `${f.type} "${f.name}" must not have a unit`);
    }
  }

  protected open(name: string, at: number): OpenFamily {
    this.close();
    const owner = this.claims.get(name);
    if (owner !== undefined) {
      this.lexer.fail(
        at,
        owner === name
          ? `family "${name}" appears again after other families (a family must be contiguous and declared once)`
          : `"${name}" clashes with a sample name of family "${owner}"`,
      );
    }
    this.claims.set(name, name);
    const f: OpenFamily = {
      name,
      type: 'unknown',
      typeSet: false,
      help: undefined,
      unit: undefined,
      hasSamples: false,
      wanted: this.wanted === undefined || this.wanted.has(name),
      owned: new Map([[name, '']]),
      series: [],
      groupsSeen: new Set(),
      lastSingleKey: undefined,
      point: undefined,
    };
    this.cur = f;
    return f;
  }

  protected finishPoint(f: OpenFamily, p: PointAccumulator): void {
    const problem = p.finish(f.type, this.om, f.series);
    f.point = undefined;
    if (problem !== undefined) throw new ExpositionParseError(problem.line, 1, problem.reason);
  }

  protected close(): void {
    const f = this.cur;
    if (f === undefined) return;
    this.cur = undefined;
    if (f.point !== undefined) this.finishPoint(f, f.point);
    if (!f.wanted) return;
    const family: { name: string; type: MetricType; help?: string; unit?: string; series: MetricSeries[] } = {
      name: f.name,
      type: f.type,
      series: f.series,
    };
    if (f.help !== undefined) family.help = f.help;
    if (f.unit !== undefined && f.unit !== '') family.unit = f.unit;
    this.families.push(family);
  }

  /** Closes the last family and returns all of them in exposition order. */
  finish(): MetricFamily[] {
    this.close();
    return this.families;
  }
}
