import { PassThrough } from 'node:stream';
import { MemoryBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { createLogger } from '@governor/telemetry';
import type { Span, Tracer } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { Autoscaler } from '../src/autoscaler.js';
import { appPolicy, fixedDecide, testConfig } from './fixtures/test-config.js';

/** A tracer that records span names, attributes and whether each span ended. */
function recordingTracer() {
  const spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean }> = [];
  const tracer = {
    startActiveSpan(
      name: string,
      options: { attributes?: Record<string, unknown> },
      fn: (span: Span) => unknown,
    ) {
      const rec = { name, attributes: { ...(options.attributes ?? {}) }, ended: false };
      spans.push(rec);
      const span = {
        setAttributes: (a: Record<string, unknown>) => Object.assign(rec.attributes, a),
        setStatus: () => span,
        recordException: () => undefined,
        end: () => {
          rec.ended = true;
        },
      };
      return fn(span as unknown as Span);
    },
  };
  return { tracer: tracer as unknown as Tracer, spans };
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

describe('the daemon observes itself', () => {
  it('opens a span per app tick and per action, and writes one log line per decision: current vs desired, because', async () => {
    const { tracer, spans } = recordingTracer();
    const out = new PassThrough();
    const lines: Array<Record<string, unknown>> = [];
    out.on('data', (b: Buffer) => {
      for (const l of b.toString().trim().split('\n')) lines.push(JSON.parse(l) as Record<string, unknown>);
    });
    const a = new Autoscaler({
      config: testConfig([appPolicy('web'), appPolicy('api')]),
      configHash: 'bbbbbbbbbbbb',
      providers: { fake: new FakeProvider() },
      bus: new MemoryBus(),
      decide: fixedDecide((app) => (app === 'web' ? 3 : 1)),
      tracer,
      logger: createLogger({ name: 'autoscaler', destination: out }),
    });
    stops.push(() => a.stop());
    await a.tickOnce();
    await a.queue.idle();
    await new Promise((r) => setImmediate(r));

    const ticks = spans.filter((s) => s.name === 'autoscaler.tick');
    expect(ticks.map((s) => s.attributes.app).sort()).toEqual(['api', 'web']);
    const actions = spans.filter((s) => s.name === 'autoscaler.action');
    expect(actions).toHaveLength(2);
    const web = actions.find((s) => s.attributes.app === 'web');
    expect(web?.attributes).toMatchObject({ 'action.result': 'ok', 'action.steps': 3 });
    expect(web?.attributes['decision.id']).toBe(a.decisions.last('web')?.id);
    expect(spans.every((s) => s.ended)).toBe(true);

    const decisionLines = lines.filter((l) => typeof l.decisionId === 'string' && l.outcome !== undefined);
    expect(decisionLines).toHaveLength(2);
    const webLine = decisionLines.find((l) => l.app === 'web');
    expect(webLine).toMatchObject({
      current: 0,
      desired: { local: 3 },
      outcome: 'scale_up',
      disposition: 'enqueued',
    });
    expect(webLine?.msg).toBe('fixed target 3; web: 0 -> 3 machines (scale_up)');
  });
});
