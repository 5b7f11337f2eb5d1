export type {
  FlyApiLease,
  FlyApiMachine,
  FlyEmulatorTimings,
  FlyFault,
  FlyRequestRecord,
} from './fly/fly-emulator-types.js';
export type { FlyEmulator, FlyEmulatorOptions, FlySeedMachine } from './fly/start-fly-emulator.js';
export { startFlyEmulator } from './fly/start-fly-emulator.js';
export type {
  KubeEmulator,
  KubeEmulatorDeployment,
  KubeEmulatorOptions,
  KubeFault,
  KubeScale,
} from './kubernetes/kube-emulator-types.js';
export { startKubernetesEmulator } from './kubernetes/start-kubernetes-emulator.js';
