/**
 * rebuttal.basin-R1 (src/claims/rebuttal.basin-R1.ts): "GD stays in R1, and converges to the
 * global optimum" from a start in R1 = {aᵀa* > 0, φ < π/2}.
 *
 * - r1Margins and the margin on real GD runs: an R1 start that stays in R1 and ends global (every
 *   part of the margin positive, the minima over the recorded trajectory), and R1 starts that leave
 *   R1 at step 1 through aᵀa* < 0 (found by the property, THEORY §7), one ending global and one at
 *   the spurious point;
 * - the margin's parts on synthetic trajectories (GD replaced by a recorded path chosen by the
 *   test): the boundaries aᵀa* / ‖a*‖² = −1e-12 and φ = π/2 count as outside, NaN as −∞, the prefix
 *   of 100 steps decides an early exit without the whole run;
 * - the hypotheses: starts in R1 by construction with the documented constants;
 * - run(): the verdict, the counterexample note, the sampled fractions (Wilson 95%) and the region
 *   of β per k, on synthetic runs whose table is known.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DescentResult, TrajectoryPoint } from '../../src/optim/descent.ts';
import type { TrainSpec } from '../../src/io/train-spec.ts';
import { expectShortcutPriorReachesItsBound } from './shortcut-prior.ts';
import { angle, dot, norm, unitStepA } from '../independent/vectors.ts';

const synthetic = vi.hoisted(() => ({
  run: undefined as undefined | ((spec: TrainSpec) => DescentResult),
  calls: [] as TrainSpec[],
}));

vi.mock('../../src/io/train-spec.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/io/train-spec.ts')>();
  return {
    ...actual,
    runTrainSpec: (spec: TrainSpec) => {
      synthetic.calls.push(spec);
      return synthetic.run === undefined ? actual.runTrainSpec(spec) : synthetic.run(spec);
    },
  };
});

const { rebuttalBasinR1, r1Margins, r1StartArb, ALIGNMENT_TOLERANCE, BASIN_R1_STEPS } = await import('../../src/claims/rebuttal.basin-R1.ts');
const { runSpec } = await import('../../src/claims/trajectory.ts');
const { runUniversal, fmt } = await import('../../src/claims/universal-runner.ts');
const { resolveProfile } = await import('../../src/config/profile.ts');
const { deriveSeed } = await import('../../src/random/rng.ts');
const { formatInterval, wilsonInterval } = await import('../../src/stats/wilson.ts');

const PROFILE = resolveProfile({ profile: 'ci' });
const ctx = (runs: number, seed = 7) => ({ profile: PROFILE, seed, budget: { runs, timeMs: 60_000 } });

afterEach(() => {
  synthetic.run = undefined;
  synthetic.calls.length = 0;
});

/** An R1 start that converges: a_0 = a* / 2, φ_0 small. */
const STAYS: TrainSpec = {
  p: 2,
  k: 2,
  w0: [0.1, 0],
  a0: [0.5, 0.25],
  wStar: [0.2, -0.1],
  aStar: [1, 0.5],
  etaW: 1,
  etaA: 1,
  steps: BASIN_R1_STEPS,
  record: { every: 1 },
};
/** R1 starts that leave R1 at step 1 through aᵀa* < 0 (shrunk samples of the property, α = β = 1). */
const LEAVES_ENDS_GLOBAL: TrainSpec = {
  p: 2,
  k: 2,
  w0: [-1.1186690541116011, -0.4231754001371245],
  a0: [-5.32985354448127, -6.101321288131941],
  wStar: [-0.037964032443647544, 0.8068301630843255],
  aStar: [-2.304249710592726, 2.009942420467527],
  etaW: 1.5170939859895523,
  etaA: 1.5170939859895523,
  steps: BASIN_R1_STEPS,
  record: { every: 1 },
};
const LEAVES_ENDS_SPURIOUS: TrainSpec = {
  p: 2,
  k: 2,
  w0: [-1.2052360926084673, -0.7503185548267767],
  a0: [-5.291112358066607, -4.207248144564289],
  wStar: [-0.8792091733079198, 0.1871933263565676],
  aStar: [0.6185729079842299, -0.7857313728595335],
  etaW: 1.5170939859895523,
  etaA: 1.5170939859895523,
  steps: BASIN_R1_STEPS,
  record: { every: 1 },
};

/** The margin parts computed from the recorded run (the definition, independently). */
function partsOf(spec: TrainSpec) {
  const r = runSpec(spec);
  const sq = dot(spec.aStar, spec.aStar);
  const t = r.trajectory ?? [];
  const alignment = Math.min(...t.map((x) => x.aDotAStar / sq + 1e-12));
  const angleMargin = Math.min(...t.map((x) => Math.PI / 2 - x.phi));
  const aDistance = norm(Array.from(r.a, (x, j) => x - spec.aStar[j])) / norm(spec.aStar);
  return { r, alignment, angle: angleMargin, global: Math.min(0.01 - r.phi, 0.01 - aDistance) };
}

describe('rebuttal.basin-R1: margins on real GD runs', () => {
  it('should be positive in every part for an R1 start that stays in R1 and ends global', () => {
    const m = r1Margins(STAYS);
    const x = partsOf(STAYS);
    expect(x.r.outcome).toBe('global');
    expect(m.exitStep).toBe(-1);
    expect(m.alignment).toBeCloseTo(x.alignment, 14);
    expect(m.angle).toBeCloseTo(x.angle, 14);
    expect(m.global).toBeCloseTo(x.global, 14);
    expect(m.alignment).toBeGreaterThan(0.4);
    expect(m.angle).toBeGreaterThan(1);
    expect(m.global).toBeGreaterThan(0.0099);
    expect(rebuttalBasinR1.margin(STAYS)).toBe(Math.min(m.alignment, m.angle, m.global));
  });

  it('should find the exit at step 1 through aᵀa* < 0 of a start that still ends global, and make it the margin', () => {
    const m = r1Margins(LEAVES_ENDS_GLOBAL);
    const x = partsOf(LEAVES_ENDS_GLOBAL);
    expect(x.r.outcome).toBe('global');
    expect(m.exitStep).toBe(1);
    expect(m.alignment).toBeCloseTo(x.alignment, 12);
    expect(m.alignment).toBeLessThan(-0.008);
    expect(m.angle).toBeGreaterThan(0);
    expect(m.global).toBeGreaterThan(0);
    expect(rebuttalBasinR1.margin(LEAVES_ENDS_GLOBAL)).toBe(m.alignment);
  });

  it('should see a start that leaves R1 and ends at the spurious point as violating every part', () => {
    const m = r1Margins(LEAVES_ENDS_SPURIOUS);
    const x = partsOf(LEAVES_ENDS_SPURIOUS);
    expect(x.r.outcome).toBe('spurious');
    expect(m.exitStep).toBe(1);
    expect(m.alignment).toBeLessThan(-0.4);
    expect(m.angle).toBeCloseTo(x.angle, 12);
    expect(m.angle).toBeLessThan(-1.5);
    expect(m.global).toBeCloseTo(x.global, 12);
    expect(m.global).toBeLessThan(-3);
    // The prefix decides: min(alignment, angle) of the first 100 steps (the angle opens further later).
    const prefix = partsOf({ ...LEAVES_ENDS_SPURIOUS, steps: 100 });
    const margin = rebuttalBasinR1.margin(LEAVES_ENDS_SPURIOUS);
    expect(margin).toBeCloseTo(Math.min(prefix.alignment, prefix.angle), 12);
    expect(margin).toBeLessThan(-1.5);
    expect(margin).toBeGreaterThan(Math.min(m.alignment, m.angle) + 0.01);
  });

  it('should replay a hypothesis as itself', () => {
    expect(rebuttalBasinR1.toTrainSpec(STAYS)).toBe(STAYS);
    expect(ALIGNMENT_TOLERANCE).toBe(1e-12);
  });
});

/** A synthetic run with the given recorded points and final state. */
function path(points: Array<[step: number, aDotAStar: number, phi: number]>, final: { a: number[]; phi: number }): DescentResult {
  const trajectory: TrajectoryPoint[] = points.map(([step, aDotAStar, phi]) => ({ step, loss: 0.1, phi, aDotAStar, normU: 1 }));
  return {
    w: new Float64Array(1),
    a: Float64Array.from(final.a),
    steps: points.length === 0 ? 0 : points[points.length - 1][0],
    loss: 0.1,
    phi: final.phi,
    aDotAStar: 1,
    normU: 1,
    outcome: 'undecided',
    trajectory,
  };
}

/** A k = 1 spec with a* = (2): ‖a*‖² = 4. */
const K1: TrainSpec = { p: 1, k: 1, w0: [0], a0: [1], wStar: [0], aStar: [2], etaW: 0.1, etaA: 0.1, steps: 500, record: { every: 1 } };

describe('rebuttal.basin-R1: margin parts on synthetic trajectories', () => {
  it('should take the minima over the trajectory, the first step outside R1, and the global distance', () => {
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [5, 1, 1.2],
          [10, 3, 0.1],
        ],
        { a: [2.0078125], phi: 0.003 },
      );
    const m = r1Margins({ ...K1 });
    // ‖a_T − a*‖/‖a*‖ = 0.0078125/2 exactly.
    expect(m).toEqual({ alignment: 0.25 + 1e-12, angle: Math.PI / 2 - 1.2, global: Math.min(0.01 - 0.003, 0.01 - 0.00390625), exitStep: -1 });
  });

  it('should count aᵀa* / ‖a*‖² = −1e-12 exactly as outside R1, and a little above it as inside', () => {
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [7, -4e-12, 0.5],
          [9, -8e-12, 0.5],
        ],
        { a: [2], phi: 0 },
      );
    const m = r1Margins({ ...K1 });
    expect(m.exitStep).toBe(7);
    expect(m.alignment).toBe(-2e-12 + 1e-12);
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [7, -3.9e-12, 0.5],
        ],
        { a: [2], phi: 0 },
      );
    expect(r1Margins({ ...K1 }).exitStep).toBe(-1);
  });

  it('should count φ = π/2 exactly as outside R1', () => {
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [3, 2, Math.PI / 2],
          [4, 2, Math.PI / 2 - 1e-3],
        ],
        { a: [2], phi: 0 },
      );
    const m = r1Margins({ ...K1 });
    expect(m.exitStep).toBe(3);
    expect(m.angle).toBe(0);
  });

  it('should keep the first exit step when the run leaves R1 twice', () => {
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [2, -1, 0.5],
          [3, 1, 0.5],
          [4, 1, 2],
        ],
        { a: [2], phi: 0 },
      );
    expect(r1Margins({ ...K1 }).exitStep).toBe(2);
  });

  it('should keep an exit at step 0 as the first exit, and decide it from the prefix alone', () => {
    synthetic.run = () =>
      path(
        [
          [0, -1, 0.5],
          [3, 1, 0.5],
          [5, -2, 0.5],
        ],
        { a: [0], phi: 3 },
      );
    expect(r1Margins({ ...K1 }).exitStep).toBe(0);
    synthetic.calls.length = 0;
    expect(rebuttalBasinR1.margin({ ...K1 })).toBe(-0.5 + 1e-12);
    expect(synthetic.calls.map((x) => x.steps)).toEqual([100]);
  });

  it('should see no exit and infinite margins for a run without a recorded trajectory', () => {
    synthetic.run = () => ({ ...path([], { a: [2], phi: 0 }), trajectory: undefined });
    expect(r1Margins({ ...K1 })).toEqual({ alignment: Infinity, angle: Infinity, global: 0.01, exitStep: -1 });
  });

  it('should make NaN iterates −∞ (never a pass) in every part', () => {
    synthetic.run = () =>
      path(
        [
          [0, 2, 0.5],
          [1, NaN, NaN],
          [2, 1, 0.5],
        ],
        { a: [NaN], phi: NaN },
      );
    const m = r1Margins({ ...K1 });
    expect(m).toEqual({ alignment: -Infinity, angle: -Infinity, global: -Infinity, exitStep: 1 });
    expect(rebuttalBasinR1.margin({ ...K1 })).toBe(-Infinity);
  });

  it('should make a NaN final angle −∞ in the global part only', () => {
    synthetic.run = () => path([[0, 2, 0.5]], { a: [2], phi: NaN });
    expect(r1Margins({ ...K1 })).toEqual({ alignment: 0.5 + 1e-12, angle: Math.PI / 2 - 0.5, global: -Infinity, exitStep: -1 });
  });

  it('should decide an exit within the first 100 steps from that prefix alone', () => {
    synthetic.run = (spec) =>
      path(
        [
          [0, 2, 0.5],
          [Math.min(spec.steps, 50), -2, 0.7],
        ],
        { a: [0], phi: 3 },
      );
    const spec = { ...K1 };
    expect(rebuttalBasinR1.margin(spec)).toBe(-0.5 + 1e-12);
    expect(synthetic.calls.map((s) => s.steps)).toEqual([100]);
    expect(synthetic.calls[0]).toEqual({ ...K1, steps: 100 });
    synthetic.calls.length = 0;
    rebuttalBasinR1.margin({ ...K1, steps: 40 });
    expect(synthetic.calls.map((s) => s.steps)).toEqual([40]);
  });

  it('should run the whole spec when the prefix stays in R1, and take the smallest of the three parts', () => {
    synthetic.run = (spec) =>
      spec.steps <= 100
        ? path(
            [
              [0, 2, 0.5],
              [100, 1, 0.5],
            ],
            { a: [1], phi: 0.5 },
          )
        : path(
            [
              [0, 2, 0.5],
              [100, 1, 0.5],
              [400, 1.6, 0.001],
            ],
            { a: [1.9921875], phi: 0.008 },
          );
    expect(rebuttalBasinR1.margin({ ...K1 })).toBe(Math.min(0.25 + 1e-12, Math.PI / 2 - 0.5, 0.01 - 0.008, 0.01 - 0.00390625));
    expect(synthetic.calls.map((s) => s.steps)).toEqual([100, 500]);
    // The global part decides when it is the smallest.
    synthetic.run = (spec) =>
      path(
        [
          [0, 2, 0.5],
          [Math.min(100, spec.steps), 1, 0.5],
        ],
        { a: [2], phi: 0.5 },
      );
    expect(rebuttalBasinR1.margin({ ...K1 })).toBe(0.01 - 0.5);
  });
});

describe('rebuttal.basin-R1: hypotheses', () => {
  function checkStart(s: TrainSpec): void {
    expect(Object.keys(s).sort()).toEqual(['a0', 'aStar', 'etaA', 'etaW', 'k', 'p', 'record', 'steps', 'w0', 'wStar']);
    expect(s.record).toEqual({ every: 1 });
    expect(s.steps).toBe(BASIN_R1_STEPS);
    expect(s.w0).toHaveLength(s.p);
    expect(s.a0).toHaveLength(s.k);
    const e = 1 / Math.sqrt(s.p);
    const u = s.w0.map((x) => x + e);
    const uStar = s.wStar.map((x) => x + e);
    if (s.p > 1) {
      expect(angle(new Array<number>(s.p).fill(e), uStar)).toBeLessThan(Math.PI / 2);
      const phi = angle(u, uStar);
      expect(phi).toBeGreaterThan(1e-6 * (1 - 1e-6));
      expect(phi).toBeLessThan(Math.PI / 2);
    }
    expect(norm(u)).toBeGreaterThanOrEqual(0.5 * (1 - 1e-12));
    expect(norm(u)).toBeLessThanOrEqual(2 * (1 + 1e-12));
    const aStarNorm = norm(s.aStar);
    expect(aStarNorm).toBeGreaterThanOrEqual(1 - 1e-12);
    expect(aStarNorm).toBeLessThanOrEqual(10 + 1e-12);
    // a_0 = c(s·â* + o·q): along = c·s ∈ [1e-6, 10], ‖orthogonal part‖ = c·o ≤ 10.
    const along = dot(s.a0, s.aStar) / aStarNorm;
    expect(along).toBeGreaterThan(0);
    expect(along).toBeGreaterThanOrEqual(1e-6 * (1 - 1e-9));
    expect(along).toBeLessThanOrEqual(10 * (1 + 1e-9));
    const orth = s.a0.map((x, j) => x - (along * s.aStar[j]) / aStarNorm);
    expect(norm(orth)).toBeLessThanOrEqual(10 * (1 + 1e-9));
  }

  it('should draw teachers with φ_0 up to π/2 − 1e-9, never π/2 (the shortcut prior)', () => {
    // Seed 31 draws φ_0 at the upper end (fast-check's bias towards the range's ends).
    expectShortcutPriorReachesItsBound(rebuttalBasinR1.hypotheses(ctx(100)), 31, 60);
  });

  it('should be starts in R1 by construction, with α ∈ [0.1, 1], β ∈ [0.1, 10], p, k ≤ 8, half of them along the worst direction', () => {
    const samples = fc.sample(rebuttalBasinR1.hypotheses(ctx(100)), { seed: 5, numRuns: 300 });
    let worst = 0;
    let random = 0;
    for (const s of samples) {
      checkStart(s);
      expect(s.p).toBeLessThanOrEqual(8);
      expect(s.k).toBeLessThanOrEqual(8);
      const alpha = s.etaA / unitStepA(s.k);
      expect(alpha).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(alpha).toBeLessThanOrEqual(1 + 1e-12);
      const beta = s.etaW / s.etaA;
      expect(beta).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(beta).toBeLessThanOrEqual(10 + 1e-12);
      if (s.k === 1) continue;
      // The orthogonal part: along the worst direction (the part of ±1 ⟂ a*, signed like 1ᵀa*) or random.
      const aStarNorm = norm(s.aStar);
      const along = dot(s.a0, s.aStar) / aStarNorm;
      const orth = s.a0.map((x, j) => x - (along * s.aStar[j]) / aStarNorm);
      if (norm(orth) < 1e-9 * norm(s.a0)) continue;
      const sign = s.aStar.reduce((acc, x) => acc + x, 0) < 0 ? -1 : 1;
      const ones = new Array<number>(s.k).fill(sign);
      const worstDir = ones.map((x, j) => x - (dot(ones, s.aStar) * s.aStar[j]) / (aStarNorm * aStarNorm));
      if (angle(orth, worstDir) < 1e-6) worst++;
      else random++;
      // Never the opposite of the worst direction (a wrong sign of 1ᵀa*); at k = 2 the complement of
      // a* is a line, so a random q may be either way.
      if (s.k > 2) expect(angle(orth, worstDir)).toBeLessThan(Math.PI - 1e-6);
    }
    expect(worst).toBeGreaterThan(60);
    expect(random).toBeGreaterThan(60);
    expect(new Set(samples.map((s) => s.k)).size).toBe(8);
    expect(new Set(samples.map((s) => s.p)).size).toBe(8);
    // Along-components spread over decades (log-uniform scale and share).
    const alongs = samples.map((s) => dot(s.a0, s.aStar) / norm(s.aStar));
    expect(Math.min(...alongs)).toBeLessThan(1e-3);
    expect(Math.max(...alongs)).toBeGreaterThan(1);
  });

  it('should pin k = p, α and β when asked (the region of constants)', () => {
    for (const s of fc.sample(r1StartArb({ k: 4, alpha: 1, beta: 3 }), { seed: 6, numRuns: 40 })) {
      checkStart(s);
      expect(s.p).toBe(4);
      expect(s.k).toBe(4);
      expect(s.etaA).toBe(unitStepA(4));
      expect(s.etaW).toBe(3 * s.etaA);
    }
  });
});

/**
 * Synthetic region and sample runs, by (k, β): leaving R1 at step 0 when k = 2, k = 4 with β ≥ 3,
 * or k = 8 with β > 5; not ending global when k = 2 with β ≥ 3, k = 8 with β > 5, or k ≥ 16. Anything else stays
 * in R1 and ends global (the final a at a*, φ_T = 0.01 exactly at the boundary of "global" for
 * k = 4: the part is 0, which is not below 0).
 */
function leaves(k: number, beta: number): boolean {
  return k === 2 || (k === 4 && beta >= 3 - 1e-9) || (k === 8 && beta > 5);
}
function notGlobal(k: number, beta: number): boolean {
  return (k === 2 && beta >= 3 - 1e-9) || (k === 8 && beta > 5) || k >= 16;
}
function regionRun(spec: TrainSpec): DescentResult {
  const beta = spec.etaW / spec.etaA;
  const sq = dot(spec.aStar, spec.aStar);
  const first: [number, number, number] = leaves(spec.k, beta) ? [0, -0.5 * sq, 0.3] : [0, 0.5 * sq, 0.3];
  const ng = notGlobal(spec.k, beta);
  return path(
    [first, [Math.min(spec.steps, 100), 0.75 * sq, 0.2]],
    { a: ng ? spec.aStar.map(() => 0) : spec.aStar, phi: ng ? 0.5 : spec.k === 4 ? 0.01 : 0.001 },
  );
}

interface Cell {
  k: number;
  beta: number;
  starts: number;
  leftR1: number;
  notGlobal: number;
  deepest: number;
}

describe('rebuttal.basin-R1: run() on synthetic runs', () => {
  it('should report the verdict, the exit note, the sampled fractions and the exact region table', () => {
    synthetic.run = regionRun;
    const c = ctx(30, 7);
    const r = rebuttalBasinR1.run(c);
    synthetic.calls.length = 0;
    const plain = runUniversal(rebuttalBasinR1, c);
    expect(r.verdict).toBe('refuted');
    const ce = r.counterexample?.input as TrainSpec;
    expect(leaves(ce.k, ce.etaW / ce.etaA)).toBe(true);
    const samples = fc.sample(r1StartArb(), { numRuns: 30, seed: 7 });
    const left = samples.filter((s) => leaves(s.k, s.etaW / s.etaA)).length;
    const ng = samples.filter((s) => notGlobal(s.k, s.etaW / s.etaA)).length;
    expect(left).toBeGreaterThan(0);
    expect(ng).toBeGreaterThan(0);
    const rate = (x: number): string => formatInterval(wilsonInterval(x, 30), (y) => fmt(y, 3));
    expect(r.evidence).toBe(
      `${plain.evidence} (leaves R1 at step 0: min a_tᵀa*/‖a*‖² -0.5, min π/2 − φ_t ${fmt(Math.PI / 2 - 0.3)}); ` +
        `of 30 R1 starts (Wilson 95%): left R1 ${rate(left)}, did not end global ${rate(ng)}, deepest exit a_tᵀa*/‖a*‖² = -0.5; ` +
        'region (α = 1): in 8 of 20 (k, β) cell some of 4 starts leave R1; largest β with all ending global: k=2→1, k=4→10, k=8→3, k=16→<0.1',
    );
    expect(r.runs).toBe(plain.runs + 30 + 80);
    const d = r.details as { seed: number; sample: unknown; region: Cell[] };
    expect(d.seed).toBe(7);
    expect(d.sample).toEqual({ starts: 30, leftR1: left, notGlobal: ng, deepest: -0.5 + 1e-12 - 1e-12 });
    expect(d.region).toHaveLength(20);
    expect(d.region.map((x) => [x.k, x.beta])).toEqual([2, 4, 8, 16].flatMap((k) => [10, 3, 1, 0.3, 0.1].map((b) => [k, b])));
    expect(d.region[0]).toEqual({ k: 2, beta: 10, starts: 4, leftR1: 4, notGlobal: 4, deepest: -0.5 + 1e-12 - 1e-12 });
    expect(d.region[5]).toEqual({ k: 4, beta: 10, starts: 4, leftR1: 4, notGlobal: 0, deepest: -0.5 + 1e-12 - 1e-12 });
    expect(d.region[7]).toEqual({ k: 4, beta: 1, starts: 4, leftR1: 0, notGlobal: 0, deepest: 0.5 + 1e-12 - 1e-12 });
  });

  it('should say "in every" cell when every cell has a start leaving R1, with budget/20 starts per cell', () => {
    synthetic.run = (spec) => path([[0, -1, 0.3]], { a: spec.aStar, phi: 0.001 });
    const r = rebuttalBasinR1.run(ctx(100, 3));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain('region (α = 1): in every (k, β) cell some of 5 starts leave R1; largest β with all ending global: k=2→10, k=4→10, k=8→10, k=16→10');
    expect((r.details as { region: Cell[] }).region.every((x) => x.starts === 5 && x.leftR1 === 5)).toBe(true);
    expect((r.details as { sample: { starts: number; leftR1: number } }).sample).toMatchObject({ starts: 100, leftR1: 100 });
  });

  it('should give the region cells the claim\'s own starts with k = p, α = 1 and the β of the cell, from a seed per k', () => {
    synthetic.run = regionRun;
    rebuttalBasinR1.run(ctx(30, 7));
    const full = synthetic.calls.filter((s) => s.steps === BASIN_R1_STEPS);
    const region = full.slice(-80);
    for (let cell = 0; cell < 20; cell++) {
      const k = [2, 4, 8, 16][Math.floor(cell / 5)];
      const beta = [10, 3, 1, 0.3, 0.1][cell % 5];
      const expected = fc.sample(r1StartArb({ k, alpha: 1, beta }), { numRuns: 4, seed: deriveSeed(7, k) });
      expect(region.slice(4 * cell, 4 * cell + 4)).toEqual(expected);
    }
  });

  it('should say holds and add no note when every start stays in R1 and ends global', () => {
    synthetic.run = (spec) => path([[0, dot(spec.aStar, spec.aStar), 0.3]], { a: spec.aStar, phi: 0.001 });
    const r = rebuttalBasinR1.run(ctx(10, 3));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toMatch(/^no counterexample in 10 samples \(0 stored replayed\); smallest margin 0\.009; of 10 R1 starts/);
    expect(r.evidence).toContain('region (α = 1): in 0 of 20 (k, β) cell some of 4 starts leave R1');
  });

  it('should report the exit\'s depth a_tᵀa* / ‖a*‖² without the tolerance', () => {
    // Leaves R1 just below aᵀa* = 0 (−3e-12 relative) and far through φ = 2 > π/2.
    synthetic.run = (spec) => {
      const sq = dot(spec.aStar, spec.aStar);
      return path(
        [
          [0, sq, 0.3],
          [1, -3e-12 * sq, 2],
        ],
        { a: spec.aStar, phi: 0.001 },
      );
    };
    const r = rebuttalBasinR1.run(ctx(4, 3));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain(` (leaves R1 at step 1: min a_tᵀa*/‖a*‖² -3.000e-12, min π/2 − φ_t ${fmt(Math.PI / 2 - 2)}); `);
  });

  it('should note a counterexample that stays in R1 but does not end global', () => {
    synthetic.run = (spec) => path([[0, dot(spec.aStar, spec.aStar), 0.3]], { a: spec.aStar, phi: spec.k > 4 ? 0.5 : 0.001 });
    const r = rebuttalBasinR1.run(ctx(10, 3));
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toMatch(/^GD started in R1 left R1 or did not end global: margin -0\.49 after \d+ shrinks \(seed 3, path [\d:]+\) \(stays in R1 but does not end global: margin -0\.49\); of 10 R1 starts/);
  });
});
