import { isValidMetricName } from './char-classes.js';
import { FamilyRegistry } from './family-registry.js';
import { COUNTER_LIKE_SUFFIXES, INTEGER_SUFFIXES } from './family-rules.js';
import type { LineLexer, RawSample } from './line-lexer.js';
import { parseOpenMetricsTimestamp } from './numbers.js';
import type { OpenFamily } from './open-family.js';
import { PointAccumulator } from './point-accumulator.js';

export type { MetadataKind } from './family-registry.js';

function formatLabels(labels: Record<string, string>): string {
  const parts = Object.keys(labels).map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${parts.join(',')}}`;
}

/**
 * Groups samples into families and series, enforcing the rules that span
 * lines: contiguous series, per-type sample names and values, bucket order,
 * duplicates and timestamps (family-level rules are in FamilyRegistry).
 */
export class FamilyAssembler extends FamilyRegistry {
  private lastFamily: OpenFamily | undefined;
  private lastName = '';
  private lastSuffix = '';
  private lastPoint: PointAccumulator | undefined;

  /** A sample line whose metric name starts at absolute index `from` (after any leading blanks). */
  sample(from: number): void {
    const lx: LineLexer = this.lexer;
    const text = lx.text;
    const nameStart = from;
    let f = this.cur;
    if (f !== undefined && f === this.lastFamily && f.wanted && lx.templateSample(nameStart)) {
      if (!this.nextBucket(f, lx.sample)) this.add(f, lx.sample, this.lastSuffix, nameStart);
      return;
    }
    let nameEnd = lx.metricNameEnd(nameStart);
    let name = text.slice(nameStart, nameEnd);
    let suffix: string | undefined;
    if (f !== undefined && f === this.lastFamily && name === this.lastName) {
      // Consecutive samples usually share a name that was validated already.
      name = this.lastName;
      suffix = this.lastSuffix;
    } else {
      // A name the current family owns is valid; anything else is checked.
      suffix = f?.owned.get(name);
      if (suffix === undefined && !isValidMetricName(name)) {
        nameEnd = lx.readMetricName(nameStart);
        name = text.slice(nameStart, nameEnd);
        suffix = f?.owned.get(name);
      }
    }
    if (f === undefined || suffix === undefined) {
      if (f !== undefined && f.name === name) {
        const want = [...f.owned.keys()].join(', ');
        lx.fail(nameStart, `"${name}" is not a sample name of ${f.type} "${f.name}" (want ${want})`);
      }
      f = this.open(name, nameStart);
      suffix = '';
    }
    f.hasSamples = true;
    this.lastFamily = f;
    this.lastName = name;
    this.lastSuffix = suffix;
    if (!f.wanted) return;
    const sample = lx.fastSample(name, nameEnd) ? lx.sample : lx.parseSample(name, nameEnd);
    this.add(f, sample, suffix, nameStart);
  }

  /** Records a series key and says whether the family had it already. */
  private seenBefore(f: OpenFamily, key: string): boolean {
    const seen = f.groupsSeen;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  }

  /**
   * The next bucket of the histogram point the previous line was in, read by
   * the template path (no timestamp, no exemplar). Returns false when the
   * line needs the general path, which then also reports any error.
   */
  private nextBucket(f: OpenFamily, s: RawSample): boolean {
    const p = f.point;
    const n = s.labelCount;
    if (
      this.lastSuffix !== '_bucket' ||
      p === undefined ||
      p !== this.lastPoint ||
      p.timestamp !== undefined ||
      this.lexer.names[n - 1] !== 'le' ||
      (f.type !== 'histogram' && f.type !== 'gaugehistogram')
    ) {
      return false;
    }
    const lx = this.lexer;
    const le = lx.labelNumber(n - 1);
    const value = s.value;
    if (le === null || Number.isNaN(le) || !(value >= 0)) return false;
    if (
      this.om &&
      (!Number.isInteger(value) || (le === Number.POSITIVE_INFINITY && !lx.labelEquals(n - 1, '+Inf')))
    ) {
      return false;
    }
    this.addBucket(p, s, le);
    return true;
  }

  /**
   * A gauge, unknown or (Prometheus text) counter sample without timestamp
   * that starts a new series: the series is its single value, so it is
   * written out directly, without a point to accumulate into. Returns false
   * when the line continues the open point (the general path then reports a
   * duplicate or starts an OpenMetrics point).
   */
  private addSingleValue(f: OpenFamily, s: RawSample, nameAt: number): boolean {
    const lx = this.lexer;
    const n = s.labelCount;
    const p = f.point;
    if (p !== undefined) {
      if (p.sameGroup(lx, n, undefined)) return false;
      this.finishPoint(f, p);
    }
    const key = lx.groupKey(n, undefined);
    if (this.seenBefore(f, key)) {
      const labels = formatLabels(lx.labelsObject(n));
      if (key === f.lastSingleKey) lx.fail(nameAt, `duplicate sample ${s.name}${labels}`);
      lx.fail(nameAt, `samples of ${f.name}${labels} are not contiguous (a series must be grouped)`);
    }
    f.series.push({ labels: lx.labelsObject(n), value: s.value });
    f.lastSingleKey = key;
    this.lastPoint = undefined;
    return true;
  }

  private add(f: OpenFamily, s: RawSample, suffix: string, nameAt: number): void {
    const lx: LineLexer = this.lexer;
    const { om } = this;
    const type = f.type;
    const value = s.value;
    const n = s.labelCount;
    const isHistogram = type === 'histogram' || type === 'gaugehistogram';
    if (s.exemplar !== undefined) {
      const allowed = (type === 'counter' && suffix === '_total') || (isHistogram && suffix === '_bucket');
      if (!allowed)
        lx.fail(s.valueAt, 'exemplars are only allowed on counter _total and histogram _bucket samples');
    }
    if (om) this.checkOpenMetricsValue(f, s, suffix);
    else if (type === 'counter' && value < 0) lx.fail(s.valueAt, 'counter value must not be negative');
    if (
      suffix === '' &&
      s.timestamp === undefined &&
      (type === 'gauge' || type === 'unknown' || (type === 'counter' && !om)) &&
      this.addSingleValue(f, s, nameAt)
    ) {
      return;
    }

    let skip: string | undefined;
    let le = 0;
    let quantile = 0;
    let structural = '';
    if (isHistogram && suffix === '_bucket') {
      const k = lx.labelIndex('le', n);
      if (k === -1) lx.fail(s.labelsAt, 'histogram bucket without an le label');
      const bound = lx.labelNumber(k);
      if (bound === null || Number.isNaN(bound)) lx.fail(s.labelsAt, `invalid le "${lx.labelValueAt(k)}"`);
      if (om && bound === Number.POSITIVE_INFINITY && !lx.labelEquals(k, '+Inf')) {
        lx.fail(s.labelsAt, `le "${lx.labelValueAt(k)}" must be written "+Inf"`);
      }
      le = bound;
      skip = 'le';
    } else if (type === 'summary' && suffix === '') {
      const k = lx.labelIndex('quantile', n);
      if (k === -1) lx.fail(s.labelsAt, 'summary sample without a quantile label');
      const q = lx.labelNumber(k);
      if (q === null || !(q >= 0 && q <= 1)) {
        lx.fail(s.labelsAt, `invalid quantile "${lx.labelValueAt(k)}" (want 0..1)`);
      }
      quantile = q;
      structural = String(q);
      skip = 'quantile';
    } else if (type === 'stateset') {
      structural = lx.labelValue(f.name, n) ?? '';
      skip = f.name;
    }

    const ts = s.timestamp;
    let p = f.point;
    // A line that repeats the previous one but for its last label, when that
    // label is the structural one (le, quantile, state), is in the same group.
    const repeatsGroup =
      lx.templateMatched &&
      p !== undefined &&
      p === this.lastPoint &&
      skip !== undefined &&
      lx.names[n - 1] === skip;
    if (p === undefined || (!repeatsGroup && !p.sameGroup(lx, n, skip))) {
      if (p !== undefined) this.finishPoint(f, p);
      const groupLabels = lx.labelsObject(n, skip);
      const key = lx.groupKey(n, skip);
      if (this.seenBefore(f, key)) {
        if (key === f.lastSingleKey) {
          // The previous line was this series' only sample (see addSingleValue).
          if (om && ts !== undefined)
            lx.fail(s.valueAt, 'a series mixes samples with and without timestamps');
          lx.fail(nameAt, `duplicate sample ${s.name}${formatLabels(lx.labelsObject(n))}`);
        }
        lx.fail(
          nameAt,
          `samples of ${f.name}${formatLabels(groupLabels)} are not contiguous (a series must be grouped)`,
        );
      }
      p = new PointAccumulator(
        groupLabels,
        skip !== undefined && lx.labelIndex(skip, n) !== -1 ? n - 1 : n,
        ts,
        lx.line,
      );
      f.point = p;
    } else if (om && ts !== p.timestamp) {
      if (ts === undefined || p.timestamp === undefined) {
        lx.fail(s.valueAt, 'a series mixes samples with and without timestamps');
      }
      if (ts < p.timestamp) lx.fail(s.valueAt, 'timestamps of a series went backwards');
      this.finishPoint(f, p);
      p = new PointAccumulator(p.labels, p.labelCount, ts, lx.line);
      f.point = p;
    }

    this.lastPoint = p;
    f.lastSingleKey = undefined;
    if (!(isHistogram && suffix === '_bucket')) {
      const id = structural === '' ? suffix : `${suffix}\u0000${structural}`;
      if (p.seen.includes(id))
        lx.fail(nameAt, `duplicate sample ${s.name}${formatLabels(lx.labelsObject(n))}`);
      p.seen.push(id);
    }

    switch (suffix) {
      case '_bucket':
        if (isHistogram) {
          this.addBucket(p, s, le);
          return;
        }
        break;
      case '_count':
      case '_gcount':
        if (type !== 'counter') {
          p.count = value;
          p.countLine = lx.line;
          return;
        }
        break;
      case '_sum':
      case '_gsum':
        p.sum = value;
        p.sumLine = lx.line;
        return;
      case '_created':
        p.created = parseOpenMetricsTimestamp(lx.text, s.valueAt, lx.tokenEnd(s.valueAt)) ?? value * 1000;
        return;
      case '_total':
        p.value = value;
        if (s.exemplar !== undefined) p.addExemplar(s.exemplar);
        return;
    }
    if (type === 'summary') {
      const qs = p.quantiles ?? [];
      const prev = qs[qs.length - 1];
      if (!om && prev !== undefined && prev.quantile >= quantile) {
        lx.fail(s.labelsAt, 'summary quantiles must appear in increasing order');
      }
      qs.push({ quantile, value });
      p.quantiles = qs;
    } else if (type === 'stateset') {
      const states = p.states ?? [];
      states.push({ labels: lx.labelsObject(n), value });
      p.states = states;
    } else {
      p.value = value;
    }
  }

  private addBucket(p: PointAccumulator, s: RawSample, le: number): void {
    const lx: LineLexer = this.lexer;
    const value = s.value;
    const buckets = p.buckets ?? [];
    const prev = buckets[buckets.length - 1];
    if (prev !== undefined && le <= prev.le) {
      lx.fail(
        s.labelsAt,
        `bucket le="${lx.labelValue('le', s.labelCount)}" is not above the previous bucket (buckets must be ascending)`,
      );
    }
    if (Number.isNaN(value) || value < 0) lx.fail(s.valueAt, 'bucket counts must not be negative or NaN');
    if (prev !== undefined && value < prev.count) {
      lx.fail(s.valueAt, 'bucket counts must be cumulative (they decrease here)');
    }
    if (le < 0) p.negativeBucket = true;
    buckets.push({ le, count: value });
    p.buckets = buckets;
    p.lastBucketLine = lx.line;
    if (s.exemplar !== undefined) p.addExemplar({ ...s.exemplar, le });
  }

  private checkOpenMetricsValue(f: OpenFamily, s: RawSample, suffix: string): void {
    const lx: LineLexer = this.lexer;
    const value = s.value;
    if (COUNTER_LIKE_SUFFIXES.has(suffix) || suffix === '_gsum') {
      if (Number.isNaN(value)) lx.fail(s.valueAt, `${suffix} value must not be NaN`);
      if (value < 0 && suffix !== '_gsum') lx.fail(s.valueAt, `${suffix} value must not be negative`);
    }
    if (INTEGER_SUFFIXES.has(suffix) && !Number.isInteger(value)) {
      lx.fail(s.valueAt, `${suffix} value must be a whole number`);
    }
    if (f.type === 'stateset') {
      if (lx.labelValue(f.name, s.labelCount) === undefined)
        lx.fail(s.labelsAt, `stateset sample needs a "${f.name}" label`);
      if (value !== 0 && value !== 1) lx.fail(s.valueAt, 'stateset values must be 0 or 1');
    } else if (f.type === 'info' && value !== 1) {
      lx.fail(s.valueAt, 'info values must be 1');
    } else if (f.type === 'summary' && suffix === '' && value < 0) {
      lx.fail(s.valueAt, 'summary quantile values must not be negative');
    }
  }
}
