/**
 * The sample-based model (THEORY.md §1): the network on concrete Gaussian inputs, the batch loss
 * and its exact gradient. This is what SGD (protocol P4) and the Monte-Carlo checks of the closed
 * forms (THEORY.md §2) use.
 *
 * For an input Z = [Z_1 … Z_k], Z_j ∈ R^p, and the unit direction v = (e + w)/‖e + w‖:
 *
 *   f(Z; w, a) = Σ_j a_j σ(Z_jᵀ v),   σ(s) = max(s, 0),
 *   y(Z)       = f(Z; w*, a*) = Σ_j a*_j σ(Z_jᵀ v*)          (the teacher, v* = teacher.vStar),
 *
 * and for a batch Z_1 … Z_n (see {@link ./gaussian-batch.ts}) with residuals r_i = f(Z_i) − y(Z_i):
 *
 *   L_B(w, a) = (1/(2n)) Σ_i r_i².
 *
 * Its gradient, exact through the normalization (∂v/∂w = (I − v vᵀ)/‖e + w‖) with the
 * convention σ'(0) = 0 (the indicator is strict, 1[s > 0]):
 *
 *   ∂f/∂a_j = σ(Z_jᵀ v),
 *   ∂f/∂w   = Σ_j a_j 1[Z_jᵀ v > 0] (I − v vᵀ) Z_j / ‖e + w‖,
 *
 *   ∇_a L_B = (1/n) Σ_i r_i σ(Z_{ij}ᵀ v)                         (component j),
 *   ∇_w L_B = (G − v (vᵀG)) / (n ‖e + w‖),   G = Σ_i r_i Σ_j a_j 1[Z_{ij}ᵀ v > 0] Z_{ij}.
 *
 * G is accumulated over the batch and projected once, so a call costs O(n·k·p) (two dot products
 * and at most one axpy per patch) and allocates nothing when the caller passes a scratch object.
 * Since ∇_w L_B is projected, it is orthogonal to e + w (up to rounding), like the population
 * gradient (THEORY.md §3, D1). E_Z[L_B] = L(w, a) and E_Z[∇L_B] = ∇L(w, a) (THEORY.md §2): the
 * kinks {Z_jᵀv = 0} have probability zero, so the expectation and the derivative commute.
 *
 * ## Special cases
 * - e + w = 0 (v undefined, THEORY.md §1) is rejected with a RangeError, as are non-finite
 *   entries of w or a and wrong lengths (the message names the value and the expected shape).
 * - A patch with Z_jᵀ v = 0 exactly contributes σ(0) = 0 to f and to ∇_a, and 0 to ∇_w.
 * - At (w, a) = (w*, a*) every residual is exactly 0, so L_B = 0 and both gradients are exactly 0
 *   (v is computed the same way as v*, from e + w, so the two agree bit for bit).
 *
 * Outputs must not alias inputs.
 */
import { assertBatchShape, type GaussianBatch } from './gaussian-batch.ts';
import { assertFinite, type Teacher } from './teacher.ts';
import { shiftedNorm } from './vector-norm.ts';

/** Caller-owned work space for the kernels of this module; overwritten by each call. */
export interface SampleModelScratch {
  /** v = (e + w)/‖e + w‖ of the last call (length p). */
  readonly v: Float64Array;
  /** The accumulator G of the w-gradient before projection (length p). */
  readonly g: Float64Array;
  /** Per-patch σ(Z_jᵀ v) of the current sample (length k). */
  readonly act: Float64Array;
  /** ‖e + w‖ of the last call. */
  normU: number;
}

/** Allocates a scratch object for patch dimension p and k patches. */
export function newSampleModelScratch(p: number, k: number): SampleModelScratch {
  return { v: new Float64Array(p), g: new Float64Array(p), act: new Float64Array(k), normU: NaN };
}

/** The allocating wrapper's result. */
export interface BatchEvaluation {
  /** L_B(w, a). */
  loss: number;
  /** ∇_w L_B (length p). */
  gradW: Float64Array;
  /** ∇_a L_B (length k). */
  gradA: Float64Array;
}

function assertLength(name: string, x: Float64Array, symbol: string, expected: number): void {
  if (x.length !== expected) {
    throw new RangeError(`${name} must have length ${symbol} = ${expected} (got ${x.length})`);
  }
}

/** Checks that the batch has the teacher's k and p. */
function assertBatchMatches(t: Teacher, batch: GaussianBatch): void {
  assertBatchShape(batch);
  if (batch.p !== t.p) throw new RangeError(`batch.p must equal the teacher's p = ${t.p} (got ${batch.p})`);
  if (batch.k !== t.k) throw new RangeError(`batch.k must equal the teacher's k = ${t.k} (got ${batch.k})`);
}

function assertScratch(t: Teacher, scratch: SampleModelScratch): void {
  assertLength('scratch.v', scratch.v, 'p', t.p);
  assertLength('scratch.g', scratch.g, 'p', t.p);
  assertLength('scratch.act', scratch.act, 'k', t.k);
}

/** Validates (batch, w, a) against the teacher's shape. */
function assertInputs(t: Teacher, batch: GaussianBatch, w: Float64Array, a: Float64Array): void {
  assertBatchMatches(t, batch);
  assertLength('w', w, 'p', t.p);
  assertLength('a', a, 'k', t.k);
  assertFinite('w', w);
  assertFinite('a', a);
}

function assertSampleIndex(batch: GaussianBatch, i: number): void {
  if (!Number.isSafeInteger(i) || i < 0 || i >= batch.n) {
    throw new RangeError(`sample index i must be an integer in [0, n) = [0, ${batch.n}) (got ${i})`);
  }
}

/**
 * Writes v = (e + w)/‖e + w‖ into `vOut` (length p) and returns ‖e + w‖, with e = 1_p/√p the
 * teacher's shortcut (THEORY.md §1). Throws a RangeError when e + w = 0.
 */
export function studentDirection(t: Teacher, w: Float64Array, vOut: Float64Array): number {
  assertLength('w', w, 'p', t.p);
  assertLength('vOut', vOut, 'p', t.p);
  const e = t.e;
  const normU = shiftedNorm(w, e);
  if (!(normU > 0)) throw new RangeError(`e + w must be non-zero (got ‖e + w‖ = ${normU})`);
  if (!Number.isFinite(normU)) throw new RangeError(`e + w must be finite (got ‖e + w‖ = ${normU})`);
  for (let c = 0; c < t.p; c++) vOut[c] = (e + w[c]) / normU;
  return normU;
}

/**
 * f(Z_i) = Σ_j a_j σ(Z_{ij}ᵀ v) for sample i of the batch and a given unit direction v (length p)
 * and output weights a (length k). With (v, a) = (teacher.vStar, teacher.aStar) this is the label
 * y_i. Only the shapes are checked.
 */
export function networkOutput(batch: GaussianBatch, i: number, v: Float64Array, a: Float64Array): number {
  assertBatchShape(batch);
  assertSampleIndex(batch, i);
  assertLength('v', v, 'p', batch.p);
  assertLength('a', a, 'k', batch.k);
  const { k, p, z } = batch;
  let f = 0;
  for (let j = 0; j < k; j++) {
    const off = (i * k + j) * p;
    let s = 0;
    for (let c = 0; c < p; c++) s += z[off + c] * v[c];
    if (s > 0) f += a[j] * s;
  }
  return f;
}

/** Writes the student outputs f(Z_i; w, a), i < n, into `out` (length n; allocated if omitted). */
export function studentOutputs(
  t: Teacher,
  batch: GaussianBatch,
  w: Float64Array,
  a: Float64Array,
  out: Float64Array = new Float64Array(batch.n),
): Float64Array {
  assertInputs(t, batch, w, a);
  assertLength('out', out, 'n', batch.n);
  const v = new Float64Array(t.p);
  studentDirection(t, w, v);
  for (let i = 0; i < batch.n; i++) out[i] = networkOutput(batch, i, v, a);
  return out;
}

/** Writes the teacher labels y_i = f(Z_i; w*, a*), i < n, into `out` (length n; allocated if omitted). */
export function teacherOutputs(
  t: Teacher,
  batch: GaussianBatch,
  out: Float64Array = new Float64Array(batch.n),
): Float64Array {
  assertBatchMatches(t, batch);
  assertLength('out', out, 'n', batch.n);
  for (let i = 0; i < batch.n; i++) out[i] = networkOutput(batch, i, t.vStar, t.aStar);
  return out;
}

/**
 * The shared kernel over samples [start, end): adds r_i σ(Z_{ij}ᵀv) to gradA[j] and
 * r_i a_j 1[Z_{ij}ᵀv > 0] Z_{ij} to g (both unscaled, not zeroed here), and returns Σ_i r_i².
 * With `withGradient` false it only returns Σ_i r_i².
 */
function accumulate(
  t: Teacher,
  batch: GaussianBatch,
  start: number,
  end: number,
  v: Float64Array,
  a: Float64Array,
  gradA: Float64Array,
  g: Float64Array,
  act: Float64Array,
  withGradient: boolean,
): number {
  const k = batch.k;
  const p = batch.p;
  const z = batch.z;
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
      // σ'(0) = 0: a patch exactly on the kink is inactive.
      if (s > 0) {
        f += a[j] * s;
        act[j] = s;
      } else {
        act[j] = 0;
      }
      if (sStar > 0) y += aStar[j] * sStar;
    }
    const r = f - y;
    sumSq += r * r;
    if (!withGradient || r === 0) continue;
    for (let j = 0; j < k; j++) {
      const sj = act[j];
      if (sj === 0) continue;
      gradA[j] += r * sj;
      const coef = r * a[j];
      if (coef === 0) continue;
      const off = base + j * p;
      for (let c = 0; c < p; c++) g[c] += coef * z[off + c];
    }
  }
  return sumSq;
}

/** gradW = (G − v (vᵀG)) · scale, the projection onto v⊥ scaled by 1/(n‖e + w‖). */
function projectInto(gradW: Float64Array, g: Float64Array, v: Float64Array, scale: number): void {
  const p = v.length;
  let vg = 0;
  for (let c = 0; c < p; c++) vg += v[c] * g[c];
  for (let c = 0; c < p; c++) gradW[c] = (g[c] - v[c] * vg) * scale;
}

/**
 * The batch loss L_B(w, a) = (1/(2n)) Σ_i (f(Z_i; w, a) − y_i)² alone (no gradient), in
 * O(n·k·p). Allocates nothing when `scratch` is given.
 */
export function batchLoss(
  t: Teacher,
  batch: GaussianBatch,
  w: Float64Array,
  a: Float64Array,
  scratch: SampleModelScratch = newSampleModelScratch(t.p, t.k),
): number {
  assertInputs(t, batch, w, a);
  assertScratch(t, scratch);
  scratch.normU = studentDirection(t, w, scratch.v);
  // withGradient = false: the gradA and g slots are not touched.
  const sumSq = accumulate(t, batch, 0, batch.n, scratch.v, a, scratch.act, scratch.g, scratch.act, false);
  return (0.5 * sumSq) / batch.n;
}

/**
 * The fused kernel: writes ∇_w L_B into `gradW` (length p) and ∇_a L_B into `gradA` (length k)
 * and returns L_B(w, a) (formulas in the module comment; THEORY.md §1). O(n·k·p); allocates
 * nothing when `scratch` is given (its ‖e + w‖ and v are left set for the caller).
 * Throws a RangeError on wrong shapes, non-finite w or a, or e + w = 0.
 */
export function batchLossAndGradient(
  t: Teacher,
  batch: GaussianBatch,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  scratch: SampleModelScratch = newSampleModelScratch(t.p, t.k),
): number {
  assertInputs(t, batch, w, a);
  assertLength('gradW', gradW, 'p', t.p);
  assertLength('gradA', gradA, 'k', t.k);
  assertScratch(t, scratch);
  const normU = studentDirection(t, w, scratch.v);
  scratch.normU = normU;
  const n = batch.n;
  scratch.g.fill(0);
  gradA.fill(0);
  const sumSq = accumulate(t, batch, 0, n, scratch.v, a, gradA, scratch.g, scratch.act, true);
  const invN = 1 / n;
  for (let j = 0; j < t.k; j++) gradA[j] *= invN;
  projectInto(gradW, scratch.g, scratch.v, invN / normU);
  return 0.5 * sumSq * invN;
}

/**
 * The per-sample loss ℓ_i = ½ (f(Z_i; w, a) − y_i)² of sample i alone, with its gradient written
 * into `gradW` and `gradA` (the batch formulas with n = 1). The batch loss and gradient are the
 * means of these over i; Monte-Carlo checks use their sample variances. O(k·p + p).
 */
export function sampleLossAndGradient(
  t: Teacher,
  batch: GaussianBatch,
  i: number,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  scratch: SampleModelScratch = newSampleModelScratch(t.p, t.k),
): number {
  assertInputs(t, batch, w, a);
  assertSampleIndex(batch, i);
  assertLength('gradW', gradW, 'p', t.p);
  assertLength('gradA', gradA, 'k', t.k);
  assertScratch(t, scratch);
  const normU = studentDirection(t, w, scratch.v);
  scratch.normU = normU;
  scratch.g.fill(0);
  gradA.fill(0);
  const sumSq = accumulate(t, batch, i, i + 1, scratch.v, a, gradA, scratch.g, scratch.act, true);
  projectInto(gradW, scratch.g, scratch.v, 1 / normU);
  return 0.5 * sumSq;
}

/** Allocating wrapper around {@link batchLossAndGradient}. */
export function evaluateBatch(t: Teacher, batch: GaussianBatch, w: Float64Array, a: Float64Array): BatchEvaluation {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const loss = batchLossAndGradient(t, batch, w, a, gradW, gradA);
  return { loss, gradW, gradA };
}
