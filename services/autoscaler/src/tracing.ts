import { type Tracer, trace } from '@opentelemetry/api';

/** The daemon's tracer: a no-op until an OpenTelemetry SDK is started in the process. */
export function autoscalerTracer(): Tracer {
  return trace.getTracer('governor-autoscaler');
}
