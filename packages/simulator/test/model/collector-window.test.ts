import { describe, expect, it } from 'vitest';
import { CollectorWindow } from '../../src/model/collector-window.js';
import { DEFAULT_MACHINE_MODEL } from '../../src/model/machine-model.js';
import { stepQueue } from '../../src/model/region-queue.js';

const model = DEFAULT_MACHINE_MODEL;

describe('CollectorWindow', () => {
  it('reports nothing until a window closes', () => {
    const w = new CollectorWindow();
    w.add(stepQueue(model, 0, 10, 1, 1), 1);
    expect(w.last).toBeUndefined();
  });

  it('summarizes a calm window: rate, CPU and a histogram of every request', () => {
    const w = new CollectorWindow();
    for (let i = 0; i < 5; i++) w.add(stepQueue(model, 0, 20, 2, 1), 1);
    w.close(5000);
    const last = w.last;
    expect(last).toMatchObject({ start: 0, end: 5000, errorRatio: 0 });
    expect(last?.rps).toBeCloseTo(10, 9);
    expect(last?.cpu).toBeCloseTo(10 / 40, 9);
    expect(last?.latency.count).toBe(50);
  });

  it('counts requests answered with an error in the rate, as the app request counter does', () => {
    // One machine serving 40 requests/s gets 100/s with a full queue: 60/s are refused.
    const w = new CollectorWindow();
    let backlog = model.queueLimit;
    for (let i = 0; i < 5; i++) {
      const q = stepQueue(model, backlog, 100, 1, 1);
      backlog = q.backlog;
      expect(q.failed).toBeCloseTo(60, 9);
      w.add(q, 1);
    }
    w.close(5000);
    const last = w.last;
    expect(last?.rps).toBeCloseTo(100, 9);
    expect(last?.errorRatio).toBeCloseTo(0.6, 9);
    expect(last?.cpu).toBe(1);
    // The latency histogram holds only the requests that were served.
    expect(last?.latency.count).toBe(200);
  });

  it('starts each window afresh', () => {
    const w = new CollectorWindow();
    w.add(stepQueue(model, 0, 30, 1, 1), 1);
    w.close(1000);
    w.add(stepQueue(model, 0, 5, 1, 1), 1);
    w.close(2000);
    expect(w.last).toMatchObject({ start: 1000, end: 2000 });
    expect(w.last?.rps).toBeCloseTo(5, 9);
  });
});
