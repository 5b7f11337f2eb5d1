import { describe, expect, it } from 'vitest';
import { renderAnnotation } from '../src/alerts/annotation-template.js';
import { promDuration } from '../src/duration.js';

describe('renderAnnotation renders the Go-template subset generated rules use', () => {
  it.each([
    ['{{ $labels.instance }} is hot', { instance: 'web-1' }, 0, 'web-1 is hot'],
    ['{{ $value | humanizePercentage }}', {}, 0.95, '95%'],
    ['{{ $value | humanizePercentage }}', {}, 0.125, '12.5%'],
    ['{{ $value | printf "%.3f" }}s', {}, 0.6, '0.600s'],
    ['{{ $value | printf "%.0f" }} machines', {}, 12, '12 machines'],
    ['{{ $labels.missing }}', {}, 0, ''],
  ])('%s with %o and %d -> %s', (template, labels, value, want) => {
    expect(renderAnnotation(template, labels, value)).toBe(want);
  });

  it('refuses templates it cannot predict', () => {
    expect(() => renderAnnotation('{{ $value | humanizeDuration }}', {}, 1)).toThrow(/not supported/);
    expect(() => renderAnnotation('{{ $value | humanizePercentage }}', {}, 0.001)).toThrow(/outside/);
    expect(() => renderAnnotation('{{ $value | printf "%.0f" }}', {}, Number.NaN)).toThrow(/gives none/);
  });
});

describe('promDuration formats milliseconds as Prometheus durations', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [86_400_000 + 1000, '1d1s'],
  ])('%d -> %s', (ms, want) => {
    expect(promDuration(ms)).toBe(want);
  });

  it('rejects negative durations', () => {
    expect(() => promDuration(-1)).toThrow(RangeError);
  });
});
