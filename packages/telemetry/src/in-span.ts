import { describeError } from '@governor/errors';
import { INVALID_SPAN_CONTEXT, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

/** Span attributes, as {@link inSpan} takes them. */
export type SpanAttributes = Record<string, string | number | boolean>;

/**
 * Runs `fn` inside an active span named `name` and ends it when `fn` settles;
 * a throw marks the span failed ({@link failSpan}) and is rethrown. Without
 * a tracer, `fn` gets a span that records nothing.
 */
export async function inSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  attributes: SpanAttributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  if (!tracer) return fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` failed: the error recorded as an exception, and an error status with its message. */
export function failSpan(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : new Error(describeError(err)));
  span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(err) });
}
