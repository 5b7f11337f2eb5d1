export type { ActionQueue, ActionQueueStats } from './action-queue.js';
export type { BullMQActionQueueOptions, FailedAction, FenceCheck } from './bullmq-queue.js';
export { BullMQActionQueue } from './bullmq-queue.js';
export type { InProcessActionQueueOptions } from './in-process-queue.js';
export { InProcessActionQueue } from './in-process-queue.js';
export type {
  ActionHandler,
  ActionResult,
  ActionResultKind,
  ActionResultListener,
  RunOwnership,
  ScaleRequest,
  StepReport,
} from './scale-request.js';
export type { ScaleWorkerOptions } from './scale-worker.js';
export { createScaleWorker } from './scale-worker.js';
export { validateScaleRequest } from './validate-request.js';
