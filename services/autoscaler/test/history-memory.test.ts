import { describe, expect, it } from 'vitest';
import { historyMemoryWarning, RECORD_BYTES } from '../src/history-memory.js';

const GB = 1e9;

describe('historyMemoryWarning', () => {
  it('says nothing while the records fit in half the heap', () => {
    // 100 apps x 500 records x 13 KB = 650 MB against a 4 GB heap.
    expect(historyMemoryWarning({ apps: 100, historySize: 500, heapLimit: 4 * GB })).toBeUndefined();
  });

  it('warns, with a historySize that fits, when they would not', () => {
    // 2,500 apps x 500 records x 13 KB = 16 GB against a 4 GB heap: at most 61 records per app fit in 2 GB.
    const w = historyMemoryWarning({ apps: 2500, historySize: 500, heapLimit: 4 * GB });
    expect(w).toContain('daemon.historySize 500 x 2500 apps keeps about 16250 MB');
    expect(w).toContain('lower daemon.historySize to 61 or less');
    expect(Math.floor((0.5 * 4 * GB) / (2500 * RECORD_BYTES))).toBe(61);
  });
});
