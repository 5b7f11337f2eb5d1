import type { AppConfig } from '@governor/config';
import type { Observations } from '@governor/scaler';

interface Bucket {
  le: number;
  count: number;
}

/**
 * The naive baseline: the same three target proposals computed the obvious
 * way: every average through intermediate arrays (map, filter, reduce), and
 * the fleet p99 by turning each machine's histogram into bucket objects,
 * concatenating them, grouping by bound in a Map, sorting, and walking the
 * merged cumulative counts.
 */
export function naiveProposals(policy: AppConfig, obs: Observations): number {
  const running = obs.machines.filter((m) => m.running);
  const ready = running.filter((m) => m.ready);
  let best = 0;
  for (const t of policy.targets) {
    if (t.type === 'cpu') {
      const values = ready.map((m) => m.metrics?.cpu).filter((v): v is number => v !== undefined);
      const avg = values.reduce((a, b) => a + b, 0) / values.length;
      best = Math.max(best, Math.ceil((avg / t.utilization) * values.length));
    } else if (t.type === 'rps') {
      const values = ready.map((m) => m.metrics?.rps).filter((v): v is number => v !== undefined);
      const avg = values.reduce((a, b) => a + b, 0) / values.length;
      best = Math.max(best, Math.ceil((avg / t.perMachine) * values.length));
    } else if (t.type === 'latency') {
      const all: Bucket[] = running.flatMap((m) => {
        const d = m.metrics?.latency;
        if (d === undefined || d.kind !== 'buckets') return [];
        return [
          ...d.bounds.map((le, i) => ({ le, count: d.cumulative[i] ?? 0 })),
          { le: Number.POSITIVE_INFINITY, count: d.count },
        ];
      });
      const byLe = new Map<number, number>();
      for (const b of all) byLe.set(b.le, (byLe.get(b.le) ?? 0) + b.count);
      const merged = [...byLe.entries()].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
      const total = merged.at(-1)?.count ?? 0;
      const rank = 0.99 * total;
      let q = 0;
      for (let i = 0; i < merged.length; i++) {
        const b = merged[i] as Bucket;
        if (b.count >= rank) {
          const prev = i === 0 ? { le: 0, count: 0 } : (merged[i - 1] as Bucket);
          q =
            b.le === Number.POSITIVE_INFINITY
              ? prev.le
              : prev.le + ((b.le - prev.le) * (rank - prev.count)) / (b.count - prev.count || 1);
          break;
        }
      }
      best = Math.max(best, Math.ceil(((q * 1000) / (t.slo * t.targetRatio)) * ready.length));
    }
  }
  return best;
}
