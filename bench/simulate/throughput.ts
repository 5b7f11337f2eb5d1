import type { GovernorConfig } from '@governor/config';
import { simulate, type Trace } from '@governor/simulator';

/** `trace` averaged into bins of `step` seconds (a bin is masked when any of its rows is). */
export function rebin(trace: Trace, step: number): Trace {
  const per = Math.max(1, Math.round(step / trace.step));
  const rows = Math.floor(trace.rps.length / per);
  const rps = new Float64Array(rows);
  const masked = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    let m = 0;
    for (let j = i * per; j < (i + 1) * per; j++) {
      sum += trace.rps[j] ?? 0;
      m |= trace.masked[j] ?? 0;
    }
    rps[i] = sum / per;
    masked[i] = m;
  }
  return { step: trace.step * per, start: trace.start, rps, masked };
}

/** Simulated seconds per second of one run, by the wall clock and by this process's CPU time. */
export interface Speed {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * Simulated seconds per second of one policy alone (no baselines) on
 * `trace`, over `runs` runs (the first pays for JIT warm-up). The CPU-time
 * figure is what the code costs; the wall-clock one also says how busy the
 * machine was.
 */
export async function simulatedSecondsPerWallSecond(
  config: GovernorConfig,
  app: string,
  trace: Trace,
  peakMachines: number,
  runs = 3,
): Promise<Speed[]> {
  const out: Speed[] = [];
  const simulated = trace.rps.length * trace.step;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await simulate({ config, app, trace, peakMachines, baselines: [] });
    const used = process.cpuUsage(cpu);
    out.push({
      wall: simulated / ((performance.now() - started) / 1000),
      cpu: simulated / ((used.user + used.system) / 1e6),
    });
  }
  return out;
}
