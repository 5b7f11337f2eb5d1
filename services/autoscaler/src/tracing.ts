import { describeError } from '@governor/errors';
import { type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

/** The daemon's tracer: a no-op until an OpenTelemetry SDK is started in the process. */
export function autoscalerTracer(): Tracer {
  return trace.getTracer('governor-autoscaler');
}

/** Runs `fn` inside a span named `name`; the span records an exception and error status on throw. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : new Error(describeError(err)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
