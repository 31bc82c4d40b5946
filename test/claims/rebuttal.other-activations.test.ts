/**
 * rebuttal.other-activations' decision logic (src/claims/rebuttal.other-activations.ts) on synthetic
 * experiment results: the activation experiments (../../src/experiments/activation-pd.ts: Monte
 * Carlo model check, PD search, the a-block maximizer, GD trials) are replaced by per-activation
 * tables, so every branch of the verdict runs in milliseconds (the real runs are
 * properties/rebuttal.other-activations.prop.ts's job).
 *
 * Contract: per activation, aBoundOk ⇔ max(ε found, ε at the maximizer) ≤ bound·(1 + 1e-12);
 * vBlockOk ⇔ the smallest v-ratio ≥ 0 and κ' > 0 on R1; modelOk ⇔ every Monte Carlo z ≤ 6.
 * Refuted when an activation other than ReLU fails aBoundOk or vBlockOk (counterexample: the
 * v-block's worst point, or the teacher's optimum, as a steps-0 spec); inconclusive when a model
 * check fails, or when the time budget ran out; holds otherwise. GD success is reported only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ABlockMaximizer,
  ActivationOutcome,
  ActivationPdConstants,
  ActivationPdSearch,
  ModelActivation,
} from '../../src/experiments/activation-pd.ts';
import type { P1Cell } from '../../src/experiments/p1-trial.ts';
import type { Teacher } from '../../src/model/teacher.ts';
import type { DualActivation } from '../../src/model/activations/dual-activation.ts';

interface Config {
  readonly mean: number;
  readonly variance: number;
  readonly closedForm: boolean;
  readonly constants: ActivationPdConstants;
  /** maxZ of the generic point and of the point near the optimum. */
  readonly maxZ: readonly [number, number];
  readonly search: ActivationPdSearch;
  readonly max: ABlockMaximizer;
  readonly spuriousLoss: number;
  readonly resnet: (trial: number) => ActivationOutcome;
  readonly cnn: (trial: number) => ActivationOutcome;
}

const h = vi.hoisted(() => ({
  configs: new Map<string, Config>(),
  /** A fake clock advanced by `cost` per activation checked, when set. */
  clock: undefined as undefined | { now: number; cost: number },
  mcCalls: [] as { name: string; t: Teacher; w: number[]; a: number[]; n: number }[],
}));

vi.mock('../../src/experiments/activation-pd.ts', () => {
  const config = (name: string): Config => {
    const c = h.configs.get(name);
    if (c === undefined) throw new Error(`no config for ${name}`);
    return c;
  };
  return {
    modelActivations: vi.fn((): ModelActivation[] =>
      [...h.configs.entries()].map(([name, c]) => ({
        activation: { name } as never,
        dual: { name, mean: c.mean, variance: c.variance } as unknown as DualActivation,
        closedForm: c.closedForm,
      })),
    ),
    activationPdConstants: vi.fn((dual: DualActivation) => config(dual.name).constants),
    monteCarloCheck: vi.fn((m: ModelActivation, t: Teacher, w: Float64Array, a: Float64Array, _rng: unknown, n: number) => {
      const calls = h.mcCalls.filter((c) => c.name === m.dual.name).length;
      h.mcCalls.push({ name: m.dual.name, t, w: Array.from(w), a: Array.from(a), n });
      return { samples: n, maxZ: config(m.dual.name).maxZ[calls], worst: calls === 0 ? 'loss' : 'a[1]' };
    }),
    searchActivationPd: vi.fn((dual: DualActivation) => config(dual.name).search),
    aBlockMaximizer: vi.fn((dual: DualActivation) => {
      if (h.clock !== undefined) h.clock.now += h.clock.cost;
      return config(dual.name).max;
    }),
    activationTrial: vi.fn((m: ModelActivation, cell: P1Cell, _seed: number, _cellIndex: number, trial: number) => {
      const c = config(m.dual.name);
      const outcome = (cell.wInit === 'cnn' ? c.cnn : c.resnet)(trial);
      return { outcome, steps: 10, loss: 0, success: outcome === 'global' || outcome === 'mirrored' };
    }),
    spuriousLossOf: vi.fn((dual: DualActivation) => config(dual.name).spuriousLoss),
  };
});

import {
  aBlockMaximizer,
  activationPdConstants,
  activationTrial,
  monteCarloCheck,
  searchActivationPd,
  spuriousLossOf,
} from '../../src/experiments/activation-pd.ts';
import { rebuttalOtherActivations } from '../../src/claims/rebuttal.other-activations.ts';
import type { ClaimContext } from '../../src/claims/claim.ts';
import type { Profile } from '../../src/config/profile.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { comparePaired } from '../../src/stats/paired-proportions.ts';
import { protocolTeacher } from '../../src/theory/initialization.ts';
import { protocolStepSizes } from '../../src/theory/step-sizes.ts';

const SEED = 31337;
/** A profile with runsScale 3, so that the PD search's sample count is visibly scaled. */
const PROFILE: Profile = { name: 'ci', seed: SEED, runsScale: 3, fixedSeed: true, timeScale: 1 };
const TRIALS = 4;
const RESNET_CELL: P1Cell = { p: 16, k: 16, s: 1, alpha: 1, beta: 10, aInit: 'ball', wInit: 'resnet', steps: 20_000 };
const CNN_CELL: P1Cell = { ...RESNET_CELL, beta: 1, wInit: 'cnn' };

function ctx(timeMs = 120_000): ClaimContext {
  return { profile: PROFILE, seed: SEED, budget: { runs: TRIALS, timeMs } };
}

function teacherOf(seedPath: number, size: number): Teacher {
  const t = protocolTeacher(Rng.derived(SEED, seedPath), size, size, 0.5);
  return makeTeacher(t.wStar, t.aStar);
}
const PD_TEACHER = teacherOf(0, 8);
const MC_TEACHER = teacherOf(1, 4);
const NORM_SQ = PD_TEACHER.aStarNormSq;

const POINT = { w: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], a: [1, -1, 1, -1, 1, -1, 1, -1] };
/** Where the a-block search found its largest ε (distinct from POINT, the v-block's and the maximizer's). */
const A_POINT = { w: [0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1], a: [2, 1, 2, 1, 2, 1, 2, 1] };

/** An activation that passes every check, with variance v; `over` replaces fields. */
function passing(v: number, over: Partial<Config> = {}): Config {
  return {
    mean: 0.25,
    variance: v,
    closedForm: false,
    constants: { c: v / 2, gapAtRightAngle: v, epsilonPerNormSq: v / 2, minSlopeOnR1: 0.125 },
    maxZ: [1.5, 2.5],
    search: { samples: 4000, aEpsilonFound: 0.5, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: 0.25, vRatioAt: POINT },
    max: { point: POINT, phi: Math.PI / 2 - 1e-6, inRegion: true, requiredEpsilon: 1.5 },
    spuriousLoss: 0.75,
    resnet: () => 'global',
    cnn: () => 'global',
    ...over,
  };
}

function setConfigs(entries: Record<string, Config>): void {
  h.configs = new Map(Object.entries(entries));
}

/** Five passing activations (ReLU first); `over` replaces some. */
function fiveWith(over: Record<string, Config> = {}): void {
  setConfigs({ relu: passing(0.5), leaky: passing(0.625), softplus: passing(0.75), tanh: passing(1), gelu: passing(0.875), ...over });
}

beforeEach(() => {
  h.configs = new Map();
  h.clock = undefined;
  h.mcCalls = [];
  vi.clearAllMocks();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rebuttal.other-activations: holds', () => {
  it('should hold when every activation passes, reporting each check and the GD success', () => {
    setConfigs({
      // ReLU: one run of each arm mirrored (reported), one CNN run spurious, one ResNet run diverged.
      relu: passing(0.5, {
        closedForm: true,
        resnet: (i) => (i === 0 ? 'mirrored' : i === 3 ? 'diverged' : 'global'),
        cnn: (i) => (i === 1 ? 'mirrored' : i === 2 ? 'spurious' : 'global'),
      }),
      // Leaky: the maximizer lies outside R1; the search's ε and the maximizer's at the bound's
      // rounding slack exactly; κ' and the v-ratio at their limits (≥ 0 is allowed for the ratio).
      leaky: passing(0.625, {
        search: { samples: 3000, aEpsilonFound: 1 + 1e-12, aEpsilonAt: A_POINT, aEpsilonBound: 1, vRatioMin: 0, vRatioAt: null },
        max: { point: POINT, phi: 1.5, inRegion: false, requiredEpsilon: 1 + 1e-12 },
        maxZ: [6, 0.5],
        resnet: (i) => (i < 2 ? 'undecided' : 'global'),
      }),
      softplus: passing(0.75),
    });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('holds');
    expect(r.counterexample).toBeUndefined();
    // Σ (search samples + 2 Monte Carlo checks + 2 arms × 4 trials).
    expect(r.runs).toBe(4000 + 2 + 8 + (3000 + 2 + 8) + (4000 + 2 + 8));
    expect(r.evidence).toBe(
      [
        `relu: c = V/2 = 0.25, sup ε on R1 = 2 ≤ (V/2)‖a*‖² = ${fmt3(0.25 * NORM_SQ)} (attained 0.75; search 0.25 of it), v-block ≥ 0 (κ' ≥ 0.125); MC max z 2.5; success ResNet 0.75 [0.3, 0.95] vs CNN 0.75 [0.3, 0.95] (mirrored 1+1)`,
        `leaky: c = V/2 = 0.313, sup ε on R1 = 1 ≤ (V/2)‖a*‖² = ${fmt3(0.3125 * NORM_SQ)} (maximizer outside R1; search 1 of it), v-block ≥ 0 (κ' ≥ 0.125); MC max z 6; success ResNet 0.5 [0.15, 0.85] vs CNN 1 [0.51, 1]`,
        `softplus: c = V/2 = 0.375, sup ε on R1 = 2 ≤ (V/2)‖a*‖² = ${fmt3(0.375 * NORM_SQ)} (attained 0.75; search 0.25 of it), v-block ≥ 0 (κ' ≥ 0.125); MC max z 2.5; success ResNet 1 [0.51, 1] vs CNN 1 [0.51, 1]`,
      ].join('; '),
    );
    const d = r.details as Record<string, unknown> & { activations: Record<string, unknown>[] };
    expect(d.seed).toBe(SEED);
    expect(d.monteCarlo).toEqual({ samples: 16_384, z: 6 });
    expect(d.pdSearch).toEqual({ size: 8, samplesPerBlock: 6000, teacher: { wStar: Array.from(PD_TEACHER.wStar), aStar: Array.from(PD_TEACHER.aStar) } });
    expect(d.success).toEqual({ resnet: RESNET_CELL, cnn: CNN_CELL, trialsPerArm: TRIALS });
    const relu = h.configs.get('relu') as Config;
    expect(d.activations[0]).toEqual({
      name: 'relu',
      closedForm: true,
      mean: 0.25,
      variance: 0.5,
      constants: relu.constants,
      monteCarlo: [
        { samples: 16_384, maxZ: 1.5, worst: 'loss' },
        { samples: 16_384, maxZ: 2.5, worst: 'a[1]' },
      ],
      search: relu.search,
      maximizer: { ...relu.max, ofBound: 0.75 },
      d6Epsilon: 0.25 * NORM_SQ,
      aBoundOk: true,
      vBlockOk: true,
      modelOk: true,
      spuriousLoss: 0.75,
      success: comparePaired([true, true, true, false], [true, true, false, true], 0.95),
      outcomes: { resnet: { global: 2, mirrored: 1, spurious: 0, undecided: 0, diverged: 1 }, cnn: { global: 2, mirrored: 1, spurious: 1, undecided: 0, diverged: 0 } },
    });
    expect(d.activations[1]).toMatchObject({ name: 'leaky', closedForm: false, aBoundOk: true, vBlockOk: true, modelOk: true, maximizer: { ofBound: 1 + 1e-12, inRegion: false } });
    expect(d.activations[1].outcomes).toEqual({ resnet: { global: 2, mirrored: 0, spurious: 0, undecided: 2, diverged: 0 }, cnn: { global: 4, mirrored: 0, spurious: 0, undecided: 0, diverged: 0 } });
    expect(d.activations.length).toBe(3);
  });

  it('should call the experiments with the PD teacher, the R1 region, the scaled sample count and P1 pairing', () => {
    fiveWith();
    rebuttalOtherActivations.run(ctx());
    const region = { kind: 'r1', aNormMax: 3 * Math.sqrt(NORM_SQ), rMin: 0.1, rMax: 10 };
    expect(vi.mocked(searchActivationPd)).toHaveBeenCalledTimes(5);
    for (const [dual, t, reg, seed, samples] of vi.mocked(searchActivationPd).mock.calls) {
      expect(Array.from(t.wStar)).toEqual(Array.from(PD_TEACHER.wStar));
      expect(Array.from(t.aStar)).toEqual(Array.from(PD_TEACHER.aStar));
      expect(reg).toEqual(region);
      expect(seed).toBe(SEED);
      expect(samples).toBe(6000);
      expect(typeof dual.name).toBe('string');
    }
    const direction = Rng.derived(SEED, 4).fillNormal(new Float64Array(8));
    for (const [, t, aNormMax, dir] of vi.mocked(aBlockMaximizer).mock.calls) {
      expect(t.p).toBe(8);
      expect(aNormMax).toBe(3 * Math.sqrt(NORM_SQ));
      expect(Array.from(dir)).toEqual(Array.from(direction));
    }
    expect(vi.mocked(spuriousLossOf).mock.calls.every(([, t]) => t.k === 8 && t.aStarNormSq === NORM_SQ)).toBe(true);
    expect(vi.mocked(activationPdConstants)).toHaveBeenCalledTimes(5);
    // GD: trials 0…3 of P1 cell index 0, ResNet (β = 10) and CNN (β = 1) arms.
    const trials = vi.mocked(activationTrial).mock.calls.filter(([m]) => m.dual.name === 'tanh').map(([, cell, seed, index, i]) => [cell, seed, index, i]);
    expect(trials).toEqual([0, 1, 2, 3].map((i) => [RESNET_CELL, SEED, 0, i]).concat([0, 1, 2, 3].map((i) => [CNN_CELL, SEED, 0, i])));
  });

  it('should check the model at a generic point and at a point near the optimum of the Monte Carlo teacher', () => {
    fiveWith();
    rebuttalOtherActivations.run(ctx());
    expect(vi.mocked(monteCarloCheck)).toHaveBeenCalledTimes(10);
    const rng = Rng.derived(SEED, 3);
    const generic = { w: Array.from(rng.fillNormal(new Float64Array(4))), a: Array.from(rng.fillNormal(new Float64Array(4))) };
    const near = { w: Array.from(MC_TEACHER.wStar, (x) => x + 0.1 * rng.normal()), a: Array.from(MC_TEACHER.aStar, (x) => x + 0.1 * rng.normal()) };
    for (const name of ['relu', 'leaky', 'softplus', 'tanh', 'gelu']) {
      const calls = h.mcCalls.filter((c) => c.name === name);
      expect(calls.map(({ w, a, n }) => ({ w, a, n }))).toEqual([
        { ...generic, n: 16_384 },
        { ...near, n: 16_384 },
      ]);
      for (const c of calls) expect(Array.from(c.t.wStar)).toEqual(Array.from(MC_TEACHER.wStar));
    }
  });

  it('should hold when only ReLU, the baseline, fails a PD check', () => {
    fiveWith({ relu: passing(0.5, { search: { samples: 4000, aEpsilonFound: 3, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: -1, vRatioAt: POINT } }) });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('holds');
    expect(r.evidence.startsWith(`relu: c = V/2 = 0.25, sup ε on R1 = 2 ≤ (V/2)‖a*‖² = ${fmt3(0.25 * NORM_SQ)} (attained 0.75; search 1.5 of it — EXCEEDED), v-block NEGATIVE (κ' ≥ 0.125); MC max z 2.5; success ResNet 1 [0.51, 1] vs CNN 1 [0.51, 1]; leaky: `)).toBe(true);
    expect(r.runs).toBe(5 * (4000 + 2 + 8));
  });
});

describe('rebuttal.other-activations: refuted', () => {
  it('should refute when the a-block needs more than the bound (beyond the rounding slack), at the search\'s point (the optimum when it has none)', () => {
    fiveWith({
      softplus: passing(0.75, {
        search: { samples: 4000, aEpsilonFound: 1 + 4e-12, aEpsilonAt: null, aEpsilonBound: 1, vRatioMin: 0.5, vRatioAt: POINT },
        max: { point: POINT, phi: Math.PI / 2 - 1e-6, inRegion: true, requiredEpsilon: 0.5 },
      }),
    });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain(`softplus: c = V/2 = 0.375, sup ε on R1 = 1 ≤ (V/2)‖a*‖² = ${fmt3(0.375 * NORM_SQ)} (attained 0.5; search 1 of it — EXCEEDED), v-block ≥ 0 (κ' ≥ 0.125); MC max z 2.5;`);
    const { etaA, etaW } = protocolStepSizes(8, 1, 1);
    const at = { w: Array.from(PD_TEACHER.wStar), a: Array.from(PD_TEACHER.aStar) };
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.other-activations',
      formalizationVersion: 2,
      input: { p: 8, k: 8, w0: at.w, a0: at.a, wStar: at.w, aStar: at.a, etaW, etaA, steps: 0 },
      hypothesis: { activation: 'softplus', point: at, aEpsilonFound: 1 + 4e-12, aEpsilonMaximizer: 0.5, aEpsilonBound: 1, vRatioMin: 0.5, minSlopeOnR1: 0.125 },
      violated: "softplus: the a-block needs ε = 1 > the bound 1 at c = V/2 (at the search's point); the spec is the first part's point with the teacher, the activation is in the hypothesis",
      margin: 1 * (1 + 1e-12) - (1 + 4e-12),
    });
    expect(r.counterexample?.margin).toBeLessThan(0);
  });

  it('should take the search\'s point when its ε ties the maximizer\'s, and leave out a v-ratio of exactly 0', () => {
    fiveWith({
      softplus: passing(0.75, {
        search: { samples: 4000, aEpsilonFound: 3, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: 0, vRatioAt: POINT },
        max: { point: POINT, phi: Math.PI / 2 - 1e-6, inRegion: true, requiredEpsilon: 3 },
      }),
    });
    const c = rebuttalOtherActivations.run(ctx()).counterexample;
    expect(c?.violated).toBe("softplus: the a-block needs ε = 3 > the bound 2 at c = V/2 (at the search's point); the spec is the first part's point with the teacher, the activation is in the hypothesis");
    expect([c?.input.w0, c?.input.a0]).toEqual([A_POINT.w, A_POINT.a]);
    expect(c?.margin).toBe(2 * (1 + 1e-12) - 3);
  });

  it('should refute when the a-block maximizer alone exceeds the bound, with the maximizer\'s ε and point', () => {
    const maxPoint = { w: [0, 0, 0, 0, 0, 0, 0, 1], a: [3, 3, 3, 3, 3, 3, 3, 3] };
    fiveWith({ gelu: passing(0.875, { max: { point: maxPoint, phi: 1.57, inRegion: true, requiredEpsilon: 2.5 } }) });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain('gelu: c = V/2 = 0.438, sup ε on R1 = 2 ≤');
    expect(r.evidence).toContain('(attained 1.25; search 0.25 of it — EXCEEDED)');
    const c = r.counterexample;
    expect(c?.claim).toBe('rebuttal.other-activations');
    expect((c?.hypothesis as { activation: string; point: unknown }).activation).toBe('gelu');
    expect((c?.hypothesis as { point: unknown }).point).toEqual(maxPoint);
    expect([c?.input.w0, c?.input.a0]).toEqual([maxPoint.w, maxPoint.a]);
    expect(c?.violated).toBe("gelu: the a-block needs ε = 2.5 > the bound 2 at c = V/2 (at the bound's maximizer); the spec is the first part's point with the teacher, the activation is in the hypothesis");
    expect(c?.margin).toBe(2 * (1 + 1e-12) - 2.5);
  });

  it('should refute when the v-block ratio is negative, at the point the search found, and take the first broken activation', () => {
    const bad: ActivationPdSearch = { samples: 4000, aEpsilonFound: 0.5, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: -0.125, vRatioAt: POINT };
    fiveWith({ tanh: passing(1, { search: bad }), gelu: passing(0.875, { search: { ...bad, vRatioMin: -3 } }) });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('refuted');
    expect(r.evidence).toContain('tanh: c = V/2 = 0.5, sup ε on R1 = 2 ≤');
    expect(r.evidence).toContain('(attained 0.75; search 0.25 of it), v-block NEGATIVE (κ\' ≥ 0.125)');
    const { etaA, etaW } = protocolStepSizes(8, 1, 1);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.other-activations',
      formalizationVersion: 2,
      input: { p: 8, k: 8, w0: POINT.w, a0: POINT.a, wStar: Array.from(PD_TEACHER.wStar), aStar: Array.from(PD_TEACHER.aStar), etaW, etaA, steps: 0 },
      hypothesis: { activation: 'tanh', point: POINT, aEpsilonFound: 0.5, aEpsilonMaximizer: 1.5, aEpsilonBound: 2, vRatioMin: -0.125, minSlopeOnR1: 0.125 },
      violated: "tanh: the v-block moves away from v* on R1 (ratio -0.125); the spec is the first part's point with the teacher, the activation is in the hypothesis",
      margin: -0.125,
    });
  });

  it('should refute when κ\' is not positive on R1 (0 included), and name both blocks when both fail', () => {
    fiveWith({
      leaky: passing(0.625, { constants: { c: 0.3125, gapAtRightAngle: 0.625, epsilonPerNormSq: 0.3125, minSlopeOnR1: 0 } }),
    });
    const r1 = rebuttalOtherActivations.run(ctx());
    expect(r1.verdict).toBe('refuted');
    expect((r1.counterexample?.hypothesis as { activation: string }).activation).toBe('leaky');
    expect(r1.evidence).toContain("v-block NEGATIVE (κ' ≥ 0)");
    expect(r1.counterexample?.violated).toBe("leaky: κ' is not positive on R1 (min 0; a property of σ: the spec is the optimum); the spec is the first part's point with the teacher, the activation is in the hypothesis");
    expect(r1.counterexample?.margin).toBe(0);
    expect(r1.counterexample?.input.w0).toEqual(Array.from(PD_TEACHER.wStar));

    fiveWith({ leaky: passing(0.625, { search: { samples: 4000, aEpsilonFound: 3, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: -0.5, vRatioAt: POINT } }) });
    const r2 = rebuttalOtherActivations.run(ctx());
    expect(r2.counterexample?.violated).toBe(
      "leaky: the a-block needs ε = 3 > the bound 2 at c = V/2 (at the search's point); the v-block moves away from v* on R1 (ratio -0.5); the spec is the first part's point with the teacher, the activation is in the hypothesis",
    );
    expect(r2.counterexample?.margin).toBe(2 * (1 + 1e-12) - 3);
    expect([r2.counterexample?.input.w0, r2.counterexample?.input.a0]).toEqual([A_POINT.w, A_POINT.a]);
  });

  it('should refute even when a model check fails too', () => {
    fiveWith({ tanh: passing(1, { maxZ: [7, 1], search: { samples: 4000, aEpsilonFound: 5, aEpsilonAt: A_POINT, aEpsilonBound: 2, vRatioMin: 1, vRatioAt: POINT } }) });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('refuted');
    expect(r.evidence.startsWith('relu: ')).toBe(true);
  });
});

describe('rebuttal.other-activations: inconclusive', () => {
  it('should be inconclusive when the dual model disagrees with the sample model (z > 6), naming the activations', () => {
    fiveWith({ relu: passing(0.5, { maxZ: [1, 6.5] }), tanh: passing(1, { maxZ: [6.25, 1] }), gelu: passing(0.875, { maxZ: [6, 6] }) });
    const r = rebuttalOtherActivations.run(ctx());
    expect(r.verdict).toBe('inconclusive');
    expect(r.counterexample).toBeUndefined();
    expect(r.evidence.startsWith('the dual model disagrees with the sample model for relu, tanh; relu: ')).toBe(true);
    expect(r.evidence).toContain('MC max z 6.5; success');
    expect(r.evidence).toContain('MC max z 6.3; success');
    expect(r.runs).toBe(5 * (4000 + 2 + 8));
    const d = r.details as { activations: { modelOk: boolean }[] };
    expect(d.activations.map((a) => a.modelOk)).toEqual([false, true, true, false, true]);
  });

  it('should be inconclusive when the time budget runs out, naming the activations done (deadline exceeded, not reached)', () => {
    fiveWith();
    h.clock = { now: 9000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    const r = rebuttalOtherActivations.run(ctx(20));
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toBe('time budget of 20 ms ran out after relu, leaky, softplus');
    expect(r.runs).toBe(3);
    expect(r.counterexample).toBeUndefined();
    const d = r.details as { seed: number; interrupted: boolean; activations: { name: string }[] };
    expect(d.seed).toBe(SEED);
    expect(d.interrupted).toBe(true);
    expect(d.activations.map((a) => a.name)).toEqual(['relu', 'leaky', 'softplus']);
  });

  it('should say "no activation" when the budget ran out before the first', () => {
    fiveWith();
    h.clock = { now: 9000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    const r = rebuttalOtherActivations.run(ctx(-1));
    expect(r.verdict).toBe('inconclusive');
    expect(r.evidence).toBe('time budget of -1 ms ran out after no activation');
    expect(r.runs).toBe(0);
  });

  it('should finish when the clock reaches the deadline exactly at the last activation', () => {
    fiveWith();
    h.clock = { now: 9000, cost: 10 };
    vi.spyOn(performance, 'now').mockImplementation(() => h.clock?.now ?? 0);
    const r = rebuttalOtherActivations.run(ctx(40));
    expect(r.verdict).toBe('holds');
    expect(vi.mocked(aBlockMaximizer)).toHaveBeenCalledTimes(5);
  });
});

function fmt3(x: number): string {
  return String(Number(x.toPrecision(3)));
}
