/**
 * The first-layer step-size schedules of src/optim/schedule.ts (THEORY.md §6, `rebuttal.warmup`
 * and `rebuttal.layerwise`), against their definitions written out here:
 *
 *   constant:   η_w(t) = η_w
 *   warmup:     η_w(t) = η_w · min(1, (t + 1)/W)
 *   layerwise:  η_w(t) = 0 for t < S, η_w afterwards
 *
 * and `scheduleSettled(t)`, which the descent loop trusts for its exact early exit and its fused
 * path: it must hold exactly from the first step t at which η_w(t') = η_w for every t' ≥ t.
 */
import { describe, expect, it } from 'vitest';
import { CONSTANT, firstLayerStep, scheduleSettled, type Schedule } from '../../src/optim/schedule.ts';

const ETA = 0.75;
const HORIZON = 300;

/** The definitions above. */
function definition(schedule: Schedule, t: number): number {
  switch (schedule.kind) {
    case 'constant':
      return ETA;
    case 'warmup':
      return ETA * Math.min(1, (t + 1) / schedule.steps);
    case 'layerwise':
      return t < schedule.switchStep ? 0 : ETA;
  }
}

/** The first step from which η_w(t) = η_w for good (within HORIZON). */
function settleStep(schedule: Schedule): number {
  let t = HORIZON;
  while (t > 0 && definition(schedule, t - 1) === ETA) t--;
  return t;
}

const SCHEDULES: Schedule[] = [
  CONSTANT,
  { kind: 'warmup', steps: 1 },
  { kind: 'warmup', steps: 2 },
  { kind: 'warmup', steps: 7 },
  { kind: 'warmup', steps: 100 },
  { kind: 'layerwise', switchStep: 0 },
  { kind: 'layerwise', switchStep: 1 },
  { kind: 'layerwise', switchStep: 50 },
];

describe('schedules: examples', () => {
  it('should ramp a warm-up of W = 4 through η/4, η/2, 3η/4, η, η', () => {
    const w: Schedule = { kind: 'warmup', steps: 4 };
    expect([0, 1, 2, 3, 4].map((t) => firstLayerStep(w, 8, t))).toEqual([2, 4, 6, 8, 8]);
  });

  it('should reach η_w exactly at the last warm-up step, where η_w·W/W may round away from it', () => {
    // 0.1·3 = 0.30000000000000004 and /3 = 0.10000000000000002: the ramp's formula at t + 1 = W
    // is off by an ulp, so the schedule must switch to η_w itself there (and be settled).
    const w: Schedule = { kind: 'warmup', steps: 3 };
    expect((0.1 * 3) / 3).not.toBe(0.1);
    expect(firstLayerStep(w, 0.1, 2)).toBe(0.1);
    expect(scheduleSettled(w, 2)).toBe(true);
    expect(scheduleSettled(w, 1)).toBe(false);
  });

  it('should keep η_w = 0 for the first S = 3 updates of the layer-wise schedule, then η_w', () => {
    const l: Schedule = { kind: 'layerwise', switchStep: 3 };
    expect([0, 1, 2, 3, 4].map((t) => firstLayerStep(l, 8, t))).toEqual([0, 0, 0, 8, 8]);
  });
});

describe('schedules: against the definitions', () => {
  for (const schedule of SCHEDULES) {
    const name = JSON.stringify(schedule);

    it(`should give η_w(t) of the definition for t < ${HORIZON}: ${name}`, () => {
      for (let t = 0; t < HORIZON; t++) {
        const expected = definition(schedule, t);
        // η(t + 1)/W and η·((t + 1)/W) round differently: two roundings, 2u relative.
        expect(Math.abs(firstLayerStep(schedule, ETA, t) - expected), `t = ${t}: expected ${expected}`).toBeLessThanOrEqual(2 ** -52 * expected);
      }
    });

    it(`should be settled exactly from the step where η_w(t) reaches η_w for good: ${name}`, () => {
      const from = settleStep(schedule);
      for (let t = 0; t < HORIZON; t++) expect(scheduleSettled(schedule, t), `t = ${t} (settles at ${from})`).toBe(t >= from);
    });
  }
});
