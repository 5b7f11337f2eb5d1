export type {
  FlyApiLease,
  FlyApiMachine,
  FlyEmulatorTimings,
  FlyFault,
  FlyRequestRecord,
} from './fly/fly-emulator-types.js';
export type { FlyEmulator, FlyEmulatorOptions, FlySeedMachine } from './fly/start-fly-emulator.js';
export { startFlyEmulator } from './fly/start-fly-emulator.js';
