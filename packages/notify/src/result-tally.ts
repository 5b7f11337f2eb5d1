import type { NotifyResult } from './types.js';

/** Counts notification results per receiver and forwards each to an optional hook. */
export class ResultTally {
  private readonly byReceiver = new Map<string, Map<NotifyResult, number>>();

  constructor(private readonly hook?: (receiver: string, result: NotifyResult) => void) {}

  count(receiver: string, result: NotifyResult): void {
    const results = this.byReceiver.get(receiver) ?? new Map<NotifyResult, number>();
    results.set(result, (results.get(result) ?? 0) + 1);
    this.byReceiver.set(receiver, results);
    try {
      this.hook?.(receiver, result);
    } catch {
      // a failing metrics hook must not break notifications
    }
  }

  /** `{ oncall: { ok: 3, error: 1 } }`. */
  snapshot(): Record<string, Partial<Record<NotifyResult, number>>> {
    const out: Record<string, Partial<Record<NotifyResult, number>>> = {};
    for (const [receiver, results] of this.byReceiver) out[receiver] = Object.fromEntries(results);
    return out;
  }
}
