import { PassThrough } from 'node:stream';
import { MemoryBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { createLogger } from '@governor/telemetry';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { Autoscaler } from '../src/autoscaler.js';
import { appPolicy, fixedDecide, testConfig } from './fixtures/test-config.js';

/** A real SDK tracer whose processor records span names, attributes and whether each span ended. */
function recordingTracer() {
  const spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean }> = [];
  const records = new WeakMap<object, (typeof spans)[number]>();
  const processor: SpanProcessor = {
    onStart(span) {
      const rec = { name: span.name, attributes: { ...span.attributes }, ended: false };
      records.set(span, rec);
      spans.push(rec);
    },
    onEnd(span) {
      const rec = records.get(span);
      if (!rec) return;
      rec.ended = true;
      Object.assign(rec.attributes, span.attributes);
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('test');
  return { tracer, spans };
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
