import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type Observations } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { machine } from './support/machines.js';

const NOW = 1_700_000_000_000;
const target = { type: 'connections', perMachine: 100 } as const;

function obs(connections: readonly (number | undefined)[]): Observations {
  return {
    app: 'web',
    machines: connections.map((c, i) => machine(`m${i}`, c === undefined ? {} : { connections: c })),
  };
}

describe('connections targets (open connections per machine)', () => {
  it.each([
    // machines' connections, want: ceil(sum / perMachine) outside the 10% tolerance
    [[250, 250], 5],
    [[100, 100, 100], 3],
    [[105, 95], 2],
    [[40, 40, 40, 40], 2],
  ])('%j at 100 per machine propose %i', (connections, want) => {
    const p = appConfig({ min: 1, max: 20, targets: [target] });
    const d = decide(p, obs(connections), emptyHistory(), NOW);
    const proposal = d.proposals.find((x) => x.metric === 'connections');
    expect({ proposed: proposal?.proposed, formula: proposal?.formula }).toEqual({
      proposed: want,
      formula: expect.any(String),
    });
  });

  it("a machine without a connection count is missing and, as HPA's missing pods, counts at the target on a scale-down", () => {
    const p = appConfig({ min: 1, max: 20, targets: [target] });
    const d = decide(p, obs([10, undefined, 10, 10]), emptyHistory(), NOW);
    const proposal = d.proposals.find((x) => x.metric === 'connections');
    // (10 + 10 + 10 + 100) / (4 x 100) = 0.325 -> ceil(0.325 x 4) = 2
    expect({ missing: proposal?.missingCount, proposed: proposal?.proposed }).toEqual({
      missing: 1,
      proposed: 2,
    });
  });

  it('no machine reporting connections leaves the target invalid with the reason', () => {
    const p = appConfig({ min: 1, max: 20, targets: [target] });
    const d = decide(p, obs([undefined, undefined]), emptyHistory(), NOW);
    const proposal = d.proposals.find((x) => x.metric === 'connections');
    expect(proposal?.status).toBe('invalid');
    expect(proposal?.formula).toBe('connections: no machine reported it');
    expect(d.desired).toBe(2);
  });
});
