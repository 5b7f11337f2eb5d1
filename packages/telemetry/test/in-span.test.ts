import { GovernorError } from '@governor/errors';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { failSpan, inSpan } from '../src/index.js';

function recording() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer('test'), spans: () => exporter.getFinishedSpans() };
}

describe('inSpan', () => {
  it('runs the function in a span with the attributes, and ends it', async () => {
    const { tracer, spans } = recording();
    const got = await inSpan(tracer, 'work', { app: 'web' }, async (span) => {
      span.setAttribute('done', true);
      return 42;
    });
    expect(got).toBe(42);
    expect(spans().map((s) => [s.name, s.attributes, s.status.code])).toEqual([
      ['work', { app: 'web', done: true }, SpanStatusCode.UNSET],
    ]);
  });

  it('marks the span failed on a throw, records the exception, ends it and rethrows', async () => {
    const { tracer, spans } = recording();
    const err = new GovernorError('GOV_SERVICE_TICK_TIMEOUT', 'too slow');
    await expect(
      inSpan(tracer, 'work', {}, async () => {
        throw err;
      }),
    ).rejects.toBe(err);
    const [span] = spans();
    expect(span?.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'GOV_SERVICE_TICK_TIMEOUT: too slow',
    });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('runs the function with a span that records nothing when there is no tracer', async () => {
    const got = await inSpan(undefined, 'work', {}, async (span) => {
      failSpan(span, new Error('ignored'));
      return span.isRecording();
    });
    expect(got).toBe(false);
  });
});

describe('failSpan', () => {
  it('marks a span failed without a throw (an outcome that reports failure)', () => {
    const { tracer, spans } = recording();
    const span = tracer.startSpan('scrape');
    failSpan(span, 'target down');
    span.end();
    expect(spans()[0]?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'target down' });
  });
});
