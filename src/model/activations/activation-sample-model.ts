/**
 * The sample-based two-layer model (../sample-model.ts) with an activation σ in place of ReLU
 * (./activation.ts): on Gaussian batches (../gaussian-batch.ts), teacher and student both with σ,
 *
 *   f(Z; w, a) = Σ_j a_j σ(Z_jᵀ v),   y(Z) = Σ_j a*_j σ(Z_jᵀ v*),   L_B = (1/(2n)) Σ_i r_i²,
 *
 *   ∇_a L_B = (1/n) Σ_i r_i σ(Z_{ij}ᵀ v)                                         (component j),
 *   ∇_w L_B = (G − v (vᵀG)) / (n ‖e + w‖),   G = Σ_i r_i Σ_j a_j σ'(Z_{ij}ᵀ v) Z_{ij}.
 *
 * E_Z[L_B] and E_Z[∇L_B] are the population loss and gradients of ./dual-population-loss.ts
 * (checked by Monte Carlo in test/model/activations/). With σ = leaky ReLU of slope 0 this is the
 * ReLU sample model, operation for operation (the test compares them).
 *
 * ## Special cases
 * - e + w = 0, non-finite w or a, wrong shapes: RangeError naming the value (../sample-model.ts's
 *   direction helper and checks).
 *
 * Outputs must not alias inputs.
 */
import { assertBatchShape, type GaussianBatch } from '../gaussian-batch.ts';
import { newSampleModelScratch, studentDirection, type SampleModelScratch } from '../sample-model.ts';
import { assertFinite, type Teacher } from '../teacher.ts';
import type { Activation } from './activation.ts';

/** ../sample-model.ts's scratch plus the per-patch σ'(Z_jᵀ v) of the current sample. */
export interface ActivationScratch extends SampleModelScratch {
  readonly slope: Float64Array;
}

export function newActivationScratch(p: number, k: number): ActivationScratch {
  return { ...newSampleModelScratch(p, k), slope: new Float64Array(k) };
}

function assertLength(name: string, x: Float64Array, symbol: string, expected: number): void {
  if (x.length !== expected) throw new RangeError(`${name} must have length ${symbol} = ${expected} (got ${x.length})`);
}

function assertInputs(t: Teacher, batch: GaussianBatch, w: Float64Array, a: Float64Array, gradW: Float64Array, gradA: Float64Array, scratch: ActivationScratch): void {
  assertBatchShape(batch);
  if (batch.p !== t.p) throw new RangeError(`batch.p must equal the teacher's p = ${t.p} (got ${batch.p})`);
  if (batch.k !== t.k) throw new RangeError(`batch.k must equal the teacher's k = ${t.k} (got ${batch.k})`);
  assertLength('w', w, 'p', t.p);
  assertLength('a', a, 'k', t.k);
  assertLength('gradW', gradW, 'p', t.p);
  assertLength('gradA', gradA, 'k', t.k);
  assertLength('scratch.v', scratch.v, 'p', t.p);
  assertLength('scratch.act', scratch.act, 'k', t.k);
  assertLength('scratch.slope', scratch.slope, 'k', t.k);
  assertFinite('w', w);
  assertFinite('a', a);
}

/**
 * Over samples [start, end): adds r_i σ(s_ij) to gradA[j] and r_i a_j σ'(s_ij) Z_ij to scratch.g
 * (unscaled, not zeroed here) and returns Σ_i r_i².
 */
function accumulate(
  sigma: Activation,
  t: Teacher,
  batch: GaussianBatch,
  start: number,
  end: number,
  a: Float64Array,
  gradA: Float64Array,
  scratch: ActivationScratch,
): number {
  const { k, p, z } = batch;
  const { v, g, act, slope } = scratch;
  const vStar = t.vStar;
  const aStar = t.aStar;
  let sumSq = 0;
  for (let i = start; i < end; i++) {
    const base = i * k * p;
    let f = 0;
    let y = 0;
    for (let j = 0; j < k; j++) {
      const off = base + j * p;
      let s = 0;
      let sStar = 0;
      for (let c = 0; c < p; c++) {
        const zc = z[off + c];
        s += zc * v[c];
        sStar += zc * vStar[c];
      }
      const sj = sigma.value(s);
      act[j] = sj;
      slope[j] = sigma.derivative(s);
      f += a[j] * sj;
      y += aStar[j] * sigma.value(sStar);
    }
    const r = f - y;
    sumSq += r * r;
    if (r === 0) continue;
    for (let j = 0; j < k; j++) {
      gradA[j] += r * act[j];
      const coef = r * a[j] * slope[j];
      if (coef === 0) continue;
      const off = base + j * p;
      for (let c = 0; c < p; c++) g[c] += coef * z[off + c];
    }
  }
  return sumSq;
}

/** Loss and gradient over samples [start, end), each scaled by 1/(end − start). */
function lossAndGradientOver(
  sigma: Activation,
  t: Teacher,
  batch: GaussianBatch,
  start: number,
  end: number,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  scratch: ActivationScratch,
): number {
  assertInputs(t, batch, w, a, gradW, gradA, scratch);
  const normU = studentDirection(t, w, scratch.v);
  scratch.normU = normU;
  scratch.g.fill(0);
  gradA.fill(0);
  const sumSq = accumulate(sigma, t, batch, start, end, a, gradA, scratch);
  const inv = 1 / (end - start);
  for (let j = 0; j < t.k; j++) gradA[j] *= inv;
  const v = scratch.v;
  let vg = 0;
  for (let c = 0; c < t.p; c++) vg += v[c] * scratch.g[c];
  const scale = inv / normU;
  for (let c = 0; c < t.p; c++) gradW[c] = (scratch.g[c] - v[c] * vg) * scale;
  return 0.5 * sumSq * inv;
}

/**
 * Writes ∇_w L_B, ∇_a L_B of the batch into `gradW`, `gradA` and returns L_B (module comment).
 * O(n·k·p); allocates nothing when `scratch` is given.
 */
export function activationBatchLossAndGradient(
  sigma: Activation,
  t: Teacher,
  batch: GaussianBatch,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  scratch: ActivationScratch = newActivationScratch(t.p, t.k),
): number {
  return lossAndGradientOver(sigma, t, batch, 0, batch.n, w, a, gradW, gradA, scratch);
}

/** The per-sample loss ½ r_i² of sample i with its gradient (the batch formulas with n = 1). */
export function activationSampleLossAndGradient(
  sigma: Activation,
  t: Teacher,
  batch: GaussianBatch,
  i: number,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  scratch: ActivationScratch = newActivationScratch(t.p, t.k),
): number {
  if (!Number.isSafeInteger(i) || i < 0 || i >= batch.n) {
    throw new RangeError(`sample index i must be an integer in [0, n) = [0, ${batch.n}) (got ${i})`);
  }
  return lossAndGradientOver(sigma, t, batch, i, i + 1, w, a, gradW, gradA, scratch);
}
