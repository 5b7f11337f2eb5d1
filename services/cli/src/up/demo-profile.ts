/** One phase of the demo load. */
export interface LoadPhase {
  readonly name: string;
  /** Requests per second during the phase. */
  readonly rps: number;
  /** ms. */
  readonly duration: number;
}

/** Options of {@link demoProfile}: rates in requests/s, durations in ms. */
export interface DemoProfileOptions {
  /** Quiet and after-step rate. Default 10. */
  readonly low?: number;
  /** Step rate. Default 100 (about three demo instances' worth). */
  readonly high?: number;
  /** Quiet period before the first step. Default 20000. */
  readonly quiet?: number;
  /** Length of the high step. Default 90000. */
  readonly stepUp?: number;
  /** Length of the low period after it. Default 420000 (longer than the default 5-minute scale-down stabilization). */
  readonly stepDown?: number;
}

/**
 * The `--demo` load: a quiet period, a step up, a step down, repeating, so
 * that scale-up and (after the stabilization window) scale-down both show.
 */
export function demoProfile(options: DemoProfileOptions = {}): readonly LoadPhase[] {
  const low = options.low ?? 10;
  return [
    { name: 'quiet', rps: low, duration: options.quiet ?? 20_000 },
    { name: 'step up', rps: options.high ?? 100, duration: options.stepUp ?? 90_000 },
    { name: 'step down', rps: low, duration: options.stepDown ?? 420_000 },
  ];
}

/** The phase in force `elapsed` ms after the start; the profile repeats. */
export function phaseAt(profile: readonly LoadPhase[], elapsed: number): LoadPhase | undefined {
  const cycle = profile.reduce((a, p) => a + p.duration, 0);
  if (cycle <= 0) return undefined;
  let t = elapsed % cycle;
  for (const p of profile) {
    if (t < p.duration) return p;
    t -= p.duration;
  }
  return profile.at(-1);
}
