/**
 * rebuttal.pd-global (rebuttal l. 34–37): "there exists one global optimum such that the PD
 * condition holds globally with respect to this optimum". Formalized per block (THEORY.md §4): there
 * are constants c > 0 and ε ≥ 0 with, at every point θ = (w, a) of the whole space,
 *
 *   a-block:  ⟨−∇_a L, a* − a⟩ ≥ c‖a − a*‖² − ε,
 *   v-block:  ⟨−∇_w L, v* − v⟩ ≥ c‖v − v*‖² − ε     (v = (e + w)/‖e + w‖).
 *
 * D6 gives the a-block on the whole space with c_a = (π−1)/4π and
 * ε_a = sup_φ h(φ)²‖a*‖²/(4π(π−1)) = π‖a*‖²/(4(π−1)) (h(π) = π). D7 gives the v-block exactly:
 * ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ)/(4π‖e + w‖)·‖v − v*‖², negative when aᵀa* < 0 and unbounded
 * below as |aᵀa*| grows or ‖e + w‖ → 0 — so no (c > 0, ε) can hold for the v-block globally. The
 * check takes c = c_a and ε = max(ε_a, 4c_a) for both blocks: the a-block holds with them (D6), and
 * since ‖v − v*‖² ≤ 4 the v-block can then fail only through ⟨−∇_w L, v* − v⟩ < 0, i.e. aᵀa* < 0
 * (D7). The shortfall there scales like |aᵀa*|/‖e + w‖: scaling a counterexample's a by λ (shown
 * in the evidence) gives points that break any given (c, ε), so the refutation is not about these
 * constants only.
 *
 * Margin per block, relative: (⟨−∇L, x* − x⟩ − c‖x − x*‖² + ε)/scale + D6_ULPS·u with
 * scale = ‖∇L‖‖x − x*‖ + c‖x − x*‖² + ε (the rounding model of model.d6-a-dissipativity).
 */
import fc from 'fast-check';
import { evaluate } from '../model/population-loss.ts';
import { scaledNorm } from '../model/vector-norm.ts';
import { A_BLOCK_C, aBlockEpsilon, pdSample, requiredEpsilon } from '../theory/dissipativity.ts';
import { finiteDouble, studentArb, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { D6_ULPS } from './model.d6-a-dissipativity.ts';
import { pointTeacher, pointTrainSpec, UNIT_ROUNDOFF, type ModelPoint } from './model.point.ts';
import { fmt, runUniversal } from './universal-runner.ts';

/**
 * The ε tested: max(ε_a, 4c_a), with ε_a = sup_φ h(φ)²‖a*‖²/(4π(π−1)) = π‖a*‖²/(4(π−1)) (D6's ε at
 * h(π) = π) and 4c_a ≥ c_a‖v − v*‖² (‖v − v*‖ ≤ 2).
 */
export function testedEpsilon(aStarNormSq: number): number {
  return Math.max(aBlockEpsilon(Math.PI, aStarNormSq), 4 * A_BLOCK_C);
}

/** The two blocks' margins at a point against (c_a, max(ε_a, 4c_a)). */
export interface PdGlobalMargins {
  readonly aBlock: number;
  readonly vBlock: number;
  /** The ε the v-block needs at this point with c = c_a. */
  readonly vRequiredEpsilon: number;
  readonly epsilon: number;
}

function blockMargin(inner: number, distSq: number, gradNorm: number, epsilon: number): number {
  const scale = gradNorm * Math.sqrt(distSq) + A_BLOCK_C * distSq + epsilon;
  return (inner - A_BLOCK_C * distSq + epsilon) / scale + D6_ULPS * UNIT_ROUNDOFF;
}

export function pdGlobalMargins(x: ModelPoint): PdGlobalMargins {
  const t = pointTeacher(x);
  const w = Float64Array.from(x.w);
  const a = Float64Array.from(x.a);
  const s = pdSample(t, w, a);
  const { gradW, gradA } = evaluate(t, w, a);
  const epsilon = testedEpsilon(t.aStarNormSq);
  return {
    aBlock: blockMargin(s.aInner, s.aDistSq, scaledNorm(gradA), epsilon),
    vBlock: blockMargin(s.vInner, s.vDistSq, scaledNorm(gradW), epsilon),
    vRequiredEpsilon: requiredEpsilon(A_BLOCK_C, s.vInner, s.vDistSq),
    epsilon,
  };
}

/** Points anywhere: any teacher, any angle φ ∈ [0, π], ‖e + w‖ ∈ [1e-3, 1e3], ‖a‖ up to ≈ 1e3, both signs of aᵀa*. */
function pointArb(): fc.Arbitrary<ModelPoint> {
  return teacherArb({ pMax: 8, kMax: 8, phi0Max: Math.PI }).chain((t) =>
    fc
      .record({ sign: fc.constantFrom<1 | -1>(1, -1), log10R: finiteDouble(-3, 3), log10AScale: finiteDouble(-3, 3) })
      .chain(({ sign, log10R, log10AScale }) =>
        studentArb(t, { phiMin: 0, phiMax: Math.PI, rMin: 10 ** log10R, rMax: 10 ** log10R, sign, aScale: 10 ** log10AScale }),
      )
      .map((s): ModelPoint => ({ p: t.p, k: t.k, w: s.w, a: s.a, wStar: t.wStar, aStar: t.aStar })),
  );
}

/** The point with a scaled by λ. */
function scaleA(x: ModelPoint, lambda: number): ModelPoint {
  return { ...x, a: x.a.map((v) => lambda * v) };
}

export const rebuttalPdGlobal: UniversalClaim<ModelPoint> = {
  id: 'rebuttal.pd-global',
  kind: 'universal',
  title: 'PD holds globally with respect to the global optimum (both blocks)',
  statement:
    'there are c > 0 and ε with ⟨−∇_a L, a* − a⟩ ≥ c‖a − a*‖² − ε and ⟨−∇_w L, v* − v⟩ ≥ c‖v − v*‖² − ε at every point of the whole space; checked with c = (π−1)/4π and ε = max(π‖a*‖²/(4(π−1)), 4c) (D6\'s global a-block constants, ε raised to cover c‖v − v*‖² ≤ 4c)',
  source: {
    lines: 'rebuttal l. 34–37',
    quoted: [
      '"there exists one global optimum such that the PD condition holds globally with respect to this optimum" (l. 36)',
      '"we can empirically verify that PD condition holds globally with respect to the well trained model for some deep networks" (l. 37)',
    ],
    ours: [
      'PD (the paper\'s Definition 3, not available) as THEORY.md §4: per block, (c, ε)-partial dissipativity, blocks a and v = (e + w)/‖e + w‖',
      'the constants tested: c_a = (π−1)/4π and ε = max(ε_a, 4c_a), ε_a = π‖a*‖²/(4(π−1)) (D6 on the whole space), for both blocks; the violation\'s growth under a → λa shows no other constants work',
      'points: teachers at any φ_0 ∈ [0, π], p, k ≤ 8, ‖a*‖ ∈ [0.1, 10]; φ ∈ [0, π]; ‖e + w‖ ∈ [1e-3, 1e3] and the scale of a ∈ [1e-3, 1e3] log-uniform; both signs of aᵀa*',
      `rounding tolerance ${D6_ULPS} ulps of each block's scale (model.d6-a-dissipativity's measured model)`,
    ],
  },
  formalizationVersion: 2,
  expected: 'refuted',
  budgets: {
    dev: { runs: 1_000, timeMs: 20_000 },
    ci: { runs: 1_000, timeMs: 20_000 },
    nightly: { runs: 20_000, timeMs: 600_000 },
    soak: { runs: 200_000, timeMs: 3_600_000 },
  },
  violation: 'a block falls below c_a‖x − x*‖² − max(ε_a, 4c_a)',
  hypotheses: () => pointArb(),
  // Margins are distances to R1's boundary / the PD bound: a violation must exceed rounding (1e-9).
  robustness: 1e-9,
  margin: (x) => {
    const m = pdGlobalMargins(x);
    return Math.min(m.aBlock, m.vBlock);
  },
  toTrainSpec: (x) => pointTrainSpec(x),
  run(ctx: ClaimContext): ClaimResult {
    const result = runUniversal(this, ctx);
    // The a-block alone on the same points: D6's global constants should hold everywhere.
    const aBlock = runUniversal({ ...this, margin: (x: ModelPoint) => pdGlobalMargins(x).aBlock }, ctx);
    let growth = '';
    if (result.counterexample !== undefined) {
      const x = result.counterexample.hypothesis as ModelPoint;
      const required = [1, 10, 100].map((lambda) => pdGlobalMargins(scaleA(x, lambda)).vRequiredEpsilon);
      growth =
        `; there the v-block needs ε = ${required.map((e) => fmt(e)).join(', ')} at a, 10a, 100a (tested ε = ${fmt(pdGlobalMargins(x).epsilon)}): ` +
        'by D7 it needs (|aᵀa*|(π − φ)/(4π‖e + w‖) + c)‖v − v*‖² when aᵀa* < 0, unbounded, so no (c > 0, ε) works';
    }
    return {
      ...result,
      evidence: `${result.evidence}${growth}; a-block alone — ${aBlock.verdict}: ${aBlock.evidence}`,
      runs: result.runs + aBlock.runs,
      details: { ...result.details, aBlock: { verdict: aBlock.verdict, ...aBlock.details } },
    };
  },
};
