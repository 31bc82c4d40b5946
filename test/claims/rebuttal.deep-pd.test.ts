/**
 * rebuttal.deep-pd (src/claims/rebuttal.deep-pd.ts) on synthetic networks: networkPd and
 * trainDeepNetwork (minutes of SGD each) are replaced by given PD frontiers per block, so that
 * every decision is driven: every block within r* ≤ D/2 (holds, the boundary included), a block
 * beyond it (refuted, with its witness from the trajectory or around θ_T), the whole-θ block left
 * out of the verdict, a time budget that runs out before or between networks (inconclusive); and
 * the evidence line, the per-depth rows (failing, vacuous, medians, the worst residual block),
 * the along-training data, runs and the counterexample.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { DEEP_PD_DEPTHS, RADIUS_LIMIT, rebuttalDeepPd } from '../../src/claims/rebuttal.deep-pd.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { DEEP_PD_DEFAULTS, type BlockPd, type NetworkPd, type PdPointValues, type TrainedNetwork } from '../../src/experiments/deep-pd.ts';
import type { PdFrontier } from '../../src/experiments/pd-frontier.ts';
import { deepResidualLayout } from '../../src/model/deep-residual.ts';
import { protocolStepSizes } from '../../src/theory/step-sizes.ts';

const h = vi.hoisted(() => ({
  make: null as unknown as (depth: number, index: number) => NetworkPd,
  calls: [] as { seed: number; depth: number; index: number; o: unknown }[],
  trainCalls: [] as { seed: number; depth: number; index: number; o: unknown }[],
  clock: 0,
  tick: 0,
}));

vi.mock('../../src/experiments/deep-pd.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/experiments/deep-pd.ts')>();
  const dr = await import('../../src/model/deep-residual.ts');
  return {
    ...mod,
    networkPd: (seed: number, depth: number, index: number, o: unknown): NetworkPd => {
      h.calls.push({ seed, depth, index, o });
      h.clock += h.tick;
      return h.make(depth, index);
    },
    trainDeepNetwork: (seed: number, depth: number, index: number, o: typeof mod.DEEP_PD_DEFAULTS): TrainedNetwork => {
      h.trainCalls.push({ seed, depth, index, o });
      const layout = dr.deepResidualLayout({ p: o.p, k: o.k, width: o.width, depth });
      const theta = (shift: number): Float64Array => Float64Array.from({ length: layout.size }, (_, x) => shift + x / 100);
      return {
        layout,
        thetaStar: theta(7),
        thetaT: theta(1),
        iterates: [0, 100, 200].map((step) => ({ step, theta: theta(2 + step / 100) })),
        train: { z: new Float64Array(0), n: 0, k: o.k, p: o.p } as unknown as TrainedNetwork['train'],
        labels: new Float64Array(0),
        initialLoss: 1,
        finalLoss: 0.001,
        finalGradNorm: 0.0001,
      };
    },
  };
});

const PROFILE = resolveProfile({ profile: 'ci' });

function ctx(runs: number, timeMs = 1e9, seed = 41): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs } };
}

function frontier(radiusRatio: number, extra: Partial<PdFrontier> = {}): PdFrontier {
  return { points: 12, maxDistance: 2, cAtZeroEpsilon: -0.5, c: 0.3, epsilon: 0.01, radius: 2 * radiusRatio, radiusRatio, negative: 1, ...extra };
}

type Spec = Record<string, { ratio: number; extra?: Partial<PdFrontier>; witness?: BlockPd['witness'] }>;

function blockNames(depth: number): string[] {
  return ['v', 'a', ...Array.from({ length: depth }, (_, l) => `residual ${l + 1}`), 'all'];
}

/** A network whose blocks have the given ratio r* : D (default: v 0.1, a 0.2, residual l 0.3, all 0.05). */
function network(depth: number, index: number, spec: Spec = {}): NetworkPd {
  const names = blockNames(depth);
  const nb = names.length;
  const values: PdPointValues[] = [
    ...[0, 100].map((at, t) => ({
      kind: 'trajectory' as const,
      at,
      loss: 1 - t / 2,
      inner: names.map((_, b) => b + 1 + t),
      distSq: names.map((_, b) => 4 * (b + 1)),
      gradNorm: names.map((_, b) => b + 2),
    })),
    { kind: 'around' as const, at: 0, loss: 9, inner: new Array<number>(nb).fill(-1), distSq: new Array<number>(nb).fill(1), gradNorm: new Array<number>(nb).fill(1) },
  ];
  const blocks = names.map((name, b): BlockPd => {
    const base = name === 'v' ? 0.1 : name === 'a' ? 0.2 : name === 'all' ? 0.05 : 0.3;
    const s = spec[name] ?? { ratio: base };
    return {
      block: name,
      trajectory: frontier(s.ratio / 2),
      around: frontier(s.ratio / 3),
      both: frontier(s.ratio, name === 'all' ? { cAtZeroEpsilon: 0.01 * (index + 1), ...s.extra } : s.extra),
      witness: s.witness ?? { kind: 'trajectory', at: 100, inner: -0.25 * b, distSq: 3 },
    };
  });
  return { depth, index, initialLoss: 1 + index, finalLoss: 0.001 * depth * (1 + index), finalGradNorm: 0.0001 * depth, blocks, values };
}

let nowSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  h.make = (depth, index) => network(depth, index);
  h.calls = [];
  h.trainCalls = [];
  h.clock = 0;
  h.tick = 0;
  nowSpy = vi.spyOn(performance, 'now').mockImplementation(() => h.clock);
});
afterEach(() => {
  nowSpy.mockRestore();
});

interface Row {
  depth: number;
  block: string;
  networks: number;
  vacuous: number;
  failing: number;
  radiusRatio: { median: number; max: number };
  c: number | null;
  epsilon: number | null;
  cAtZeroEpsilon: number;
}

describe('rebuttal.deep-pd: constants', () => {
  it('should check depths 1, 2, 4, 8 with the radius limit D/2', () => {
    expect(DEEP_PD_DEPTHS).toEqual([1, 2, 4, 8]);
    expect(RADIUS_LIMIT).toBe(0.5);
    expect(rebuttalDeepPd.statement).toContain('L ∈ {1, 2, 4, 8}');
    expect(rebuttalDeepPd.statement).toContain('√(ε/c) ≤ 0.5·(the block');
  });
});

describe('rebuttal.deep-pd: holds', () => {
  it('should train the budget\'s networks per depth and hold when every block has r* ≤ D/2, with the full evidence', () => {
    const r = rebuttalDeepPd.run(ctx(1, 1e9, 43));
    expect(h.calls).toEqual([1, 2, 4, 8].map((depth) => ({ seed: 43, depth, index: 0, o: DEEP_PD_DEFAULTS })));
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(4);
    expect(r.counterexample).toBeUndefined();
    expect(h.trainCalls).toEqual([]);
    expect(r.evidence).toBe(
      '4 networks (L ∈ {1, 2, 4, 8}, 1 each; median L_n(θ_T) 0.003, median L_n(θ_T)/L_n(θ_0) 0.003, median ‖∇L_n(θ_T)‖ 3.0e-4): ' +
        'blocks with r* > 0.5·D: v 0/4, a 0/4, residual 0/15; vacuous (r* = D): v 0/4, a 0/4, residual 0/15; ' +
        'L=1: worst residual r*/D median 0.3, L=2: worst residual r*/D median 0.3, L=4: worst residual r*/D median 0.3, L=8: worst residual r*/D median 0.3; ' +
        'whole θ as one block: PD with ε = 0 (c₀ > 0) in 4/4 networks, c₀ ≥ 0.01',
    );
    const d = r.details as { seed: number; options: unknown; radiusLimit: number; interrupted: boolean; networks: unknown[]; byDepth: Row[]; alongTraining: unknown[] };
    expect(d.seed).toBe(43);
    expect(d.options).toBe(DEEP_PD_DEFAULTS);
    expect(d.radiusLimit).toBe(0.5);
    expect(d.interrupted).toBe(false);
    const n0 = network(1, 0);
    expect(d.networks[0]).toEqual({
      depth: 1,
      index: 0,
      initialLoss: 1,
      finalLoss: 0.001,
      finalGradNorm: 0.0001,
      blocks: n0.blocks.map((b) => ({ block: b.block, trajectory: b.trajectory, around: b.around, both: b.both, witness: b.witness })),
    });
    expect(d.byDepth.map((x) => `${x.depth}:${x.block}`)).toEqual([
      ...['v', 'a', 'residual 1', 'all', 'residual (worst)'].map((b) => `1:${b}`),
      ...['v', 'a', 'residual 1', 'residual 2', 'all', 'residual (worst)'].map((b) => `2:${b}`),
      ...['v', 'a', 'residual 1', 'residual 2', 'residual 3', 'residual 4', 'all', 'residual (worst)'].map((b) => `4:${b}`),
      ...[...blockNames(8), 'residual (worst)'].map((b) => `8:${b}`),
    ]);
    // alongTraining: the first network per depth, its trajectory points only.
    expect(d.alongTraining.length).toBe(4);
    expect(d.alongTraining[0]).toEqual({
      depth: 1,
      index: 0,
      steps: [0, 100],
      loss: [1, 0.5],
      blocks: blockNames(1).map((block, b) => ({
        block,
        ratio: [(b + 1) / (4 * (b + 1)), (b + 2) / (4 * (b + 1))],
        cosine: [(b + 1) / ((b + 2) * Math.sqrt(4 * (b + 1))), (b + 2) / ((b + 2) * Math.sqrt(4 * (b + 1)))],
      })),
    });
  });

  it('should hold at r* = D/2 exactly, and leave the whole-θ block out of the verdict', () => {
    h.make = (depth, index) => network(depth, index, { v: { ratio: 0.5 }, a: { ratio: 0.5 }, all: { ratio: 1 } });
    const r = rebuttalDeepPd.run(ctx(1));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toContain('blocks with r* > 0.5·D: v 0/4, a 0/4, residual 0/15; vacuous (r* = D): v 0/4, a 0/4, residual 0/15; ');
  });

  it('should summarize each block per depth: failing (> D/2), vacuous (= D), medians and maxima, c and ε over the networks that have them', () => {
    h.make = (depth, index) =>
      depth === 2
        ? network(depth, index, {
            v: { ratio: [0.5, 0.1, 0.3][index], extra: { c: [null, 2, 4][index], epsilon: [null, 0.5, null][index], cAtZeroEpsilon: [-1, -3, -2][index] } },
            a: { ratio: [1, 0.6, 0.2][index], extra: { c: null, epsilon: null } },
            'residual 1': { ratio: [0.4, 0.7, 0.4][index], extra: { c: 1, epsilon: 2 } },
            'residual 2': { ratio: [0.2, 0.7, 0.45][index], extra: { c: 9, epsilon: 8 } },
          })
        : network(depth, index);
    const d = rebuttalDeepPd.run(ctx(3)).details as { byDepth: Row[] };
    const row = (block: string): Row => d.byDepth.find((x) => x.depth === 2 && x.block === block) as Row;
    expect(row('v')).toEqual({ depth: 2, block: 'v', networks: 3, vacuous: 0, failing: 0, radiusRatio: { median: 0.3, max: 0.5 }, c: 3, epsilon: 0.5, cAtZeroEpsilon: -3 });
    expect(row('a')).toEqual({ depth: 2, block: 'a', networks: 3, vacuous: 1, failing: 2, radiusRatio: { median: 0.6, max: 1 }, c: null, epsilon: null, cAtZeroEpsilon: -0.5 });
    // Worst residual per network: residual 1 (0.4 > 0.2), residual 1 on the tie (0.7 = 0.7), residual 2 (0.45 > 0.4).
    expect(row('residual (worst)')).toEqual({ depth: 2, block: 'residual (worst)', networks: 3, vacuous: 0, failing: 1, radiusRatio: { median: 0.45, max: 0.7 }, c: 1, epsilon: 2, cAtZeroEpsilon: -0.5 });
    expect(row('all')).toEqual(expect.objectContaining({ networks: 3, cAtZeroEpsilon: 0.01 }));
    expect(row('residual 1')).toEqual(expect.objectContaining({ c: 1, epsilon: 2, radiusRatio: { median: 0.4, max: 0.7 }, failing: 1 }));
  });

  it('should take medians of unsorted values, averaging the middle two of an even count', () => {
    h.make = (depth, index) => {
      const n = network(depth, index, depth === 1 ? { v: { ratio: [0.4, 0.05, 0.3, 0.1][index] } } : {});
      return { ...n, finalLoss: [9, 1, 10, 3][index] * 1e-3, initialLoss: 1, finalGradNorm: [5, 100, 2, 7][index] };
    };
    const r = rebuttalDeepPd.run(ctx(4));
    const d = r.details as { byDepth: Row[] };
    expect(d.byDepth.find((x) => x.depth === 1 && x.block === 'v')?.radiusRatio).toEqual({ median: (0.1 + 0.3) / 2, max: 0.4 });
    // 16 networks: losses 1, 3, 9, 10 (×1e-3) four times each: median (3 + 9)/2·1e-3.
    expect(r.evidence).toMatch(/^16 networks \(L ∈ \{1, 2, 4, 8\}, 4 each; median L_n\(θ_T\) 0\.006, median L_n\(θ_T\)\/L_n\(θ_0\) 0\.006, median ‖∇L_n\(θ_T\)‖ 6\): /);
  });

  it('should take the middle value of an odd count', () => {
    h.make = (depth, index) => ({ ...network(depth, index), finalLoss: [30, 10, 20][index], initialLoss: 10, finalGradNorm: [3, 1, 200][index] });
    h.tick = 10; // three networks of depth 1 by the deadline
    const r = rebuttalDeepPd.run(ctx(3, 20));
    expect(r.evidence).toMatch(/^time budget of 20 ms ran out; 3 networks \(L ∈ \{1\}, 3 each; median L_n\(θ_T\) 20, median L_n\(θ_T\)\/L_n\(θ_0\) 2, median ‖∇L_n\(θ_T\)‖ 3\): /);
    expect(r.evidence).toMatch(/whole θ as one block: PD with ε = 0 \(c₀ > 0\) in 3\/3 networks, c₀ ≥ 0\.01$/);
  });

  it('should report each depth\'s own worst residual median', () => {
    h.make = (depth, index) => network(depth, index, { [`residual ${depth}`]: { ratio: depth / 20 + 0.001 * index } });
    const r = rebuttalDeepPd.run(ctx(1));
    expect(r.evidence).toContain('; L=1: worst residual r*/D median 0.05, L=2: worst residual r*/D median 0.3, L=4: worst residual r*/D median 0.3, L=8: worst residual r*/D median 0.4; ');
    h.make = (depth, index) => network(depth, index, { 'residual 1': { ratio: [0.05, 0.1, 0.2, 0.45][Math.log2(depth)] } });
    const r2 = rebuttalDeepPd.run(ctx(1));
    expect(r2.evidence).toContain('; L=1: worst residual r*/D median 0.05, L=2: worst residual r*/D median 0.3, L=4: worst residual r*/D median 0.3, L=8: worst residual r*/D median 0.45; ');
  });

  it('should count PD with ε = 0 of the whole θ only where c₀ > 0 strictly', () => {
    h.make = (depth, index) => network(depth, index, { all: { ratio: 0.05, extra: { cAtZeroEpsilon: depth === 2 ? 0 : depth === 4 ? -0.25 : 0.5 } } });
    const r = rebuttalDeepPd.run(ctx(1));
    expect(r.evidence).toMatch(/; whole θ as one block: PD with ε = 0 \(c₀ > 0\) in 2\/4 networks, c₀ ≥ -0\.25$/);
  });
});

describe('rebuttal.deep-pd: refuted', () => {
  it('should refute by the first block with r* > D/2, with the head at its trajectory witness as input', () => {
    h.make = (depth, index) =>
      network(depth, index, {
        ...(depth === 2 && index === 1 ? { 'residual 2': { ratio: 0.75, witness: { kind: 'trajectory', at: 200, inner: -0.125, distSq: 4.5 } } } : {}),
        ...(depth === 4 ? { v: { ratio: 1 }, 'residual 3': { ratio: 0.9 } } : {}),
      });
    const r = rebuttalDeepPd.run(ctx(2, 1e9, 47));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(8);
    expect(h.trainCalls).toEqual([{ seed: 47, depth: 2, index: 1, o: DEEP_PD_DEFAULTS }]);
    expect(r.evidence).toContain('blocks with r* > 0.5·D: v 2/8, a 0/8, residual 3/30; vacuous (r* = D): v 2/8, a 0/8, residual 0/30; ');
    const layout = deepResidualLayout({ p: 4, k: 4, width: 4, depth: 2 });
    const theta = (shift: number): number[] => Array.from({ length: layout.size }, (_, x) => shift + x / 100);
    const at = theta(4); // the iterate of step 200
    const thetaT = theta(1);
    const { etaA, etaW } = protocolStepSizes(4, 0.3, 1);
    expect(r.counterexample).toEqual({
      claim: 'rebuttal.deep-pd',
      formalizationVersion: 2,
      input: { p: 4, k: 4, w0: at.slice(0, 4), a0: at.slice(4, 8), wStar: thetaT.slice(0, 4), aStar: thetaT.slice(4, 8), etaW, etaA, steps: 0 },
      hypothesis: { seed: 47, depth: 2, index: 1, block: 'residual 2', witness: { kind: 'trajectory', at: 200, inner: -0.125, distSq: 4.5 }, options: DEEP_PD_DEFAULTS },
      violated: 'block residual 2 of a depth-2 network is not PD w.r.t. the trained model beyond half its range: r*/D = 0.75 > 0.5 (witness: trajectory point 200, ⟨−∇_B L, θ_T,B − θ_B⟩ = -0.125 at ‖θ_B − θ_T,B‖² = 4.5); input holds the head only (the deep model has no train spec)',
      margin: 0.5 - 0.75,
    });
  });

  it('should take θ_T as the witness\'s head for a random point around it, or for a step that was not recorded', () => {
    h.make = (depth, index) => network(depth, index, depth === 1 ? { a: { ratio: 0.5000001, witness: { kind: 'around', at: 3, inner: -1, distSq: 1 } } } : {});
    const r = rebuttalDeepPd.run(ctx(1));
    const layout = deepResidualLayout({ p: 4, k: 4, width: 4, depth: 1 });
    const thetaT = Array.from({ length: layout.size }, (_, x) => 1 + x / 100);
    expect(r.counterexample?.input).toEqual(expect.objectContaining({ w0: thetaT.slice(0, 4), a0: thetaT.slice(4, 8) }));
    expect(r.counterexample?.violated).toMatch(/^block a of a depth-1 network is not PD .*: r\*\/D = 0\.5 > 0\.5 \(witness: around point 3, /);
    // A random point whose index equals a recorded step: still θ_T, not that iterate.
    h.make = (depth, index) => network(depth, index, depth === 1 ? { a: { ratio: 0.6, witness: { kind: 'around', at: 100, inner: -1, distSq: 1 } } } : {});
    const r1 = rebuttalDeepPd.run(ctx(1));
    expect(r1.counterexample?.input).toEqual(expect.objectContaining({ w0: thetaT.slice(0, 4), a0: thetaT.slice(4, 8) }));
    // A trajectory step without a recorded iterate: θ_T as well.
    h.make = (depth, index) => network(depth, index, depth === 1 ? { v: { ratio: 0.6, witness: { kind: 'trajectory', at: 150, inner: -1, distSq: 1 } } } : {});
    const r2 = rebuttalDeepPd.run(ctx(1));
    expect(r2.counterexample?.input).toEqual(expect.objectContaining({ w0: thetaT.slice(0, 4), a0: thetaT.slice(4, 8) }));
    // A recorded step: that iterate.
    h.make = (depth, index) => network(depth, index, depth === 1 ? { v: { ratio: 0.6, witness: { kind: 'trajectory', at: 0, inner: -1, distSq: 1 } } } : {});
    const r3 = rebuttalDeepPd.run(ctx(1));
    const at0 = Array.from({ length: layout.size }, (_, x) => 2 + x / 100);
    expect(r3.counterexample?.input).toEqual(expect.objectContaining({ w0: at0.slice(0, 4), a0: at0.slice(4, 8) }));
  });

  it('should refute even when the time budget ran out', () => {
    h.make = (depth, index) => network(depth, index, { v: { ratio: 0.8 } });
    h.tick = 10;
    const r = rebuttalDeepPd.run(ctx(2, 15));
    expect(r.verdict).toBe('refuted');
    expect(r.runs).toBe(2);
    expect(r.evidence).toMatch(/^time budget of 15 ms ran out; 2 networks \(L ∈ \{1\}, 2 each; /);
  });
});

describe('rebuttal.deep-pd: inconclusive', () => {
  it('should be inconclusive, never holds, when the time budget runs out between networks, and go on at exactly the deadline', () => {
    h.tick = 10;
    const r = rebuttalDeepPd.run(ctx(2, 25));
    // depth 1: at 0 and 10; depth 2: at 20 (≤ 25), then 30 > 25: stop; depths 4 and 8 stop at once.
    expect(h.calls.map((c) => [c.depth, c.index])).toEqual([[1, 0], [1, 1], [2, 0]]);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(3);
    expect((r.details as { interrupted: boolean }).interrupted).toBe(true);
    expect(r.evidence).toMatch(/^time budget of 25 ms ran out; 3 networks \(L ∈ \{1, 2\}, 2 each; .*; L=1: worst residual r\*\/D median 0\.3, L=2: worst residual r\*\/D median 0\.3; whole θ/);
    expect((r.details as { alongTraining: { depth: number; index: number }[] }).alongTraining.map((x) => [x.depth, x.index])).toEqual([[1, 0], [2, 0]]);
    h.clock = 0;
    h.calls = [];
    const exact = rebuttalDeepPd.run(ctx(2, 70));
    expect(h.calls.length).toBe(8);
    expect(exact.verdict).toBe('holds');
  });

  it('should be inconclusive, not hold, with a budget of no network per depth', () => {
    const r = rebuttalDeepPd.run(ctx(0, 1e9));
    expect(h.calls).toEqual([]);
    expect(r.verdict).toBe('inconclusive');
    expect((r.details as { interrupted: boolean }).interrupted).toBe(false);
    expect(r.evidence).toMatch(/^0 networks \(L ∈ \{\}, 0 each; /);
  });

  it('should be inconclusive with no network when the budget is gone at the start', () => {
    nowSpy.mockImplementation(() => {
      h.clock += 1;
      return h.clock;
    });
    const r = rebuttalDeepPd.run(ctx(2, 0));
    expect(h.calls).toEqual([]);
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBe(0);
    expect(r.evidence).toBe(
      'time budget of 0 ms ran out; 0 networks (L ∈ {}, 2 each; median L_n(θ_T) NaN, median L_n(θ_T)/L_n(θ_0) NaN, median ‖∇L_n(θ_T)‖ NaN): blocks with r* > 0.5·D: v 0/0, a 0/0, residual 0/0; vacuous (r* = D): v 0/0, a 0/0, residual 0/0; ; whole θ as one block: PD with ε = 0 (c₀ > 0) in 0/0 networks, c₀ ≥ Infinity',
    );
  });
});
