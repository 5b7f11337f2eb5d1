import { describe, expect, it } from 'vitest';
import { Capacity } from '../src/capacity.js';

describe('Capacity', () => {
  it('serves up to `concurrency` requests at once and queues the rest in order', async () => {
    const cap = new Capacity({ concurrency: 2, queueLimit: 2 });
    const a = await cap.acquire();
    const b = await cap.acquire();
    expect(cap.active).toBe(2);
    const order: string[] = [];
    const c = cap.acquire().then((s) => {
      order.push('c');
      return s;
    });
    const d = cap.acquire().then((s) => {
      order.push('d');
      return s;
    });
    expect(cap.queued).toBe(2);
    a?.release();
    const slotC = await c;
    expect(order).toEqual(['c']);
    b?.release();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(cap.active).toBe(2);
    slotC?.release();
    expect(cap.active).toBe(1);
  });

  it('rejects at once (undefined) when the queue is full', async () => {
    const cap = new Capacity({ concurrency: 1, queueLimit: 1 });
    await cap.acquire();
    void cap.acquire();
    await expect(cap.acquire()).resolves.toBeUndefined();
  });

  it('ignores a second release of the same slot', async () => {
    const cap = new Capacity({ concurrency: 1, queueLimit: 0 });
    const s = await cap.acquire();
    s?.release();
    s?.release();
    expect(cap.active).toBe(0);
    const again = await cap.acquire();
    expect(again).toBeDefined();
    expect(cap.active).toBe(1);
  });
});
