/**
 * How one simulated machine serves requests and how long its lifecycle
 * transitions take. All durations are ms.
 */
export interface MachineModel {
  /** Requests served at once. Default 2 (the demo app's `DEMO_CONCURRENCY`). */
  readonly concurrency: number;
  /** Time to serve one request once it has a slot, ms. Default 50. */
  readonly serviceTime: number;
  /**
   * Squared coefficient of variation of the service time: 0 = fixed (the
   * demo app sleeps a fixed time), 1 = exponential (M/M/c). Default 0.
   */
  readonly serviceVariability: number;
  /** Requests that may wait for a slot; beyond it requests fail (503). Default 64. */
  readonly queueLimit: number;
  /** create -> started and ready, ms. Default 30000. */
  readonly bootTime: number;
  /** stopped -> started and ready, ms. Default 5000. */
  readonly startTime: number;
  /** suspended -> started and ready, ms. Default 2000. */
  readonly resumeTime: number;
  /** started -> stopped (or suspended), ms; the machine still costs meanwhile. Default 5000. */
  readonly stopTime: number;
}

/** Defaults of {@link MachineModel} (the demo app's capacity, Fly-like lifecycle times). */
export const DEFAULT_MACHINE_MODEL: MachineModel = Object.freeze({
  concurrency: 2,
  serviceTime: 50,
  serviceVariability: 0,
  queueLimit: 64,
  bootTime: 30_000,
  startTime: 5_000,
  resumeTime: 2_000,
  stopTime: 5_000,
});

/** Requests per second one machine serves at full utilisation. */
export function machineCapacity(model: MachineModel): number {
  return (model.concurrency * 1000) / model.serviceTime;
}
