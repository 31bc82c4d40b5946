/**
 * A deeper residual network on the two-layer model's inputs (THEORY.md §1; rebuttal l. 8–12:
 * "Extension to deep networks"): on every patch Z_j ∈ R^p, L residual blocks with shared weights,
 * then the two-layer model's normalized head,
 *
 *   x_0 = Z_j,   x_{l+1} = x_l + U_l σ(V_l x_l)   (l = 0 … L−1;  U_l ∈ R^{p×m}, V_l ∈ R^{m×p}),
 *   f(Z; θ) = Σ_j a_j σ(vᵀ x_L(Z_j)),   v = (e + w)/‖e + w‖,   σ = ReLU (σ'(0) = 0),
 *
 * so L = 0 is the two-layer model, and a block with U_l = 0 is the identity. The teacher is the same
 * architecture at θ*; the loss of a batch (./gaussian-batch.ts) with labels y_i = f(Z_i; θ*) is
 * L_B(θ) = (1/(2n)) Σ_i r_i², r_i = f(Z_i; θ) − y_i.
 *
 * Backpropagation, per sample i and patch j (s_j = vᵀx_L, hidden h_l = σ(q_l), q_l = V_l x_l):
 *
 *   ∂/∂a_j = r σ(s_j);   δ = r a_j σ'(s_j);   G += δ x_L;   g = δ v            (g = ∂/∂x_L),
 *   for l = L−1 … 0:   ∂/∂U_l += g h_lᵀ;   t = (U_lᵀ g) ⊙ σ'(q_l);   ∂/∂V_l += t x_lᵀ;   g ← g + V_lᵀ t,
 *
 * and ∇_w = (G − v vᵀG)/‖e + w‖ (∂v/∂w = (I − v vᵀ)/‖e + w‖), everything divided by n. Tested
 * against 40-digit decimal finite differences (test/model/deep-residual.test.ts).
 *
 * Parameters live in one Float64Array θ (see {@link deepResidualLayout}):
 * [w (p) | a (k) | U_0 (p×m, row-major) | V_0 (m×p, row-major) | U_1 | V_1 | …]; a "block" of the
 * partial-dissipativity checks is one of w, a, or (U_l, V_l).
 *
 * ## Special cases
 * - e + w = 0: RangeError (v undefined). Shapes are checked; errors name the value and the shape.
 */
import { assertBatchShape, type GaussianBatch } from './gaussian-batch.ts';
import { shortcutComponent } from './teacher.ts';
import { shiftedNorm } from './vector-norm.ts';

export interface DeepResidualShape {
  /** Patch dimension p ≥ 1. */
  readonly p: number;
  /** Patches k ≥ 1. */
  readonly k: number;
  /** Hidden width m ≥ 1 of each residual branch. */
  readonly width: number;
  /** Number of residual blocks L ≥ 0. */
  readonly depth: number;
}

/** Offsets of the parameter blocks in θ. */
export interface DeepResidualLayout extends DeepResidualShape {
  /** The length of θ: p + k + 2·L·p·m. */
  readonly size: number;
  /** θ[w … w + p) is w, θ[a … a + k) is a. */
  readonly w: number;
  readonly a: number;
  /** Block l: U_l at θ[u … u + p·m), V_l at θ[v … v + m·p). */
  readonly blocks: readonly { readonly u: number; readonly v: number }[];
}

function assertCount(name: string, n: number, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min} (got ${n})`);
}

export function deepResidualLayout(shape: DeepResidualShape): DeepResidualLayout {
  assertCount('p', shape.p, 1);
  assertCount('k', shape.k, 1);
  assertCount('width', shape.width, 1);
  assertCount('depth', shape.depth, 0);
  const { p, k, width: m, depth } = shape;
  const blocks = Array.from({ length: depth }, (_, l) => ({ u: p + k + 2 * l * p * m, v: p + k + 2 * l * p * m + p * m }));
  return { p, k, width: m, depth, size: p + k + 2 * depth * p * m, w: 0, a: p, blocks };
}

/** Caller-owned work space, overwritten by each call. */
export interface DeepResidualScratch {
  /** v = (e + w)/‖e + w‖ (length p). */
  readonly v: Float64Array;
  /** Per patch of the current sample: x_0 … x_L (k·(L+1)·p) and q_0 … q_{L−1} (k·L·m). */
  readonly xs: Float64Array;
  readonly qs: Float64Array;
  /** s_j = vᵀx_L per patch (k). */
  readonly s: Float64Array;
  /** The w-accumulator G (p), the backward vectors g (p) and t (m). */
  readonly gv: Float64Array;
  readonly g: Float64Array;
  readonly t: Float64Array;
}

export function newDeepResidualScratch(layout: DeepResidualLayout): DeepResidualScratch {
  const { p, k, width: m, depth: L } = layout;
  return {
    v: new Float64Array(p),
    xs: new Float64Array(k * (L + 1) * p),
    qs: new Float64Array(Math.max(1, k * L * m)),
    s: new Float64Array(k),
    gv: new Float64Array(p),
    g: new Float64Array(p),
    t: new Float64Array(m),
  };
}

function assertLength(name: string, x: Float64Array, symbol: string, n: number): void {
  if (x.length !== n) throw new RangeError(`${name} must have length ${symbol} = ${n} (got ${x.length})`);
}

function assertBatch(layout: DeepResidualLayout, batch: GaussianBatch): void {
  assertBatchShape(batch);
  if (batch.p !== layout.p) throw new RangeError(`batch.p must equal p = ${layout.p} (got ${batch.p})`);
  if (batch.k !== layout.k) throw new RangeError(`batch.k must equal k = ${layout.k} (got ${batch.k})`);
}

/** Writes v = (e + w)/‖e + w‖ into `v` and returns ‖e + w‖; RangeError when e + w = 0 or not finite. */
function headDirection(layout: DeepResidualLayout, theta: Float64Array, v: Float64Array): number {
  const e = shortcutComponent(layout.p);
  const norm = shiftedNorm(theta.subarray(layout.w, layout.w + layout.p), e);
  if (!(norm > 0 && Number.isFinite(norm))) throw new RangeError(`e + w must be non-zero and finite (got ‖e + w‖ = ${norm})`);
  for (let c = 0; c < layout.p; c++) v[c] = (e + theta[layout.w + c]) / norm;
  return norm;
}

/**
 * The forward pass of sample i: fills the scratch's x_l, q_l and s_j for every patch and returns
 * f(Z_i; θ). v must be in scratch.v.
 */
function forwardSample(layout: DeepResidualLayout, theta: Float64Array, batch: GaussianBatch, i: number, sc: DeepResidualScratch): number {
  const { p, k, width: m, depth: L, blocks } = layout;
  const { xs, qs, s, v } = sc;
  const z = batch.z;
  let f = 0;
  for (let j = 0; j < k; j++) {
    const xBase = j * (L + 1) * p;
    const zOff = (i * k + j) * p;
    for (let c = 0; c < p; c++) xs[xBase + c] = z[zOff + c];
    for (let l = 0; l < L; l++) {
      const x = xBase + l * p;
      const next = x + p;
      const q = (j * L + l) * m;
      const { u: uOff, v: vOff } = blocks[l];
      for (let r = 0; r < m; r++) {
        let acc = 0;
        const row = vOff + r * p;
        for (let c = 0; c < p; c++) acc += theta[row + c] * xs[x + c];
        qs[q + r] = acc;
      }
      for (let c = 0; c < p; c++) {
        let acc = xs[x + c];
        const row = uOff + c * m;
        for (let r = 0; r < m; r++) {
          const qr = qs[q + r];
          if (qr > 0) acc += theta[row + r] * qr;
        }
        xs[next + c] = acc;
      }
    }
    const last = xBase + L * p;
    let sj = 0;
    for (let c = 0; c < p; c++) sj += v[c] * xs[last + c];
    s[j] = sj;
    if (sj > 0) f += theta[layout.a + j] * sj;
  }
  return f;
}

/** Writes f(Z_i; θ) for every sample into `out` (length n). */
export function deepResidualOutputs(
  layout: DeepResidualLayout,
  theta: Float64Array,
  batch: GaussianBatch,
  out: Float64Array = new Float64Array(batch.n),
  scratch: DeepResidualScratch = newDeepResidualScratch(layout),
): Float64Array {
  assertLength('theta', theta, 'size', layout.size);
  assertBatch(layout, batch);
  assertLength('out', out, 'n', batch.n);
  headDirection(layout, theta, scratch.v);
  for (let i = 0; i < batch.n; i++) out[i] = forwardSample(layout, theta, batch, i, scratch);
  return out;
}

/** Adds r·∂f(Z_i)/∂θ (without the w projection: the raw G goes to scratch.gv) into `grad`. */
function backwardSample(layout: DeepResidualLayout, theta: Float64Array, r: number, grad: Float64Array, sc: DeepResidualScratch): void {
  const { p, k, width: m, depth: L, blocks } = layout;
  const { xs, qs, s, v, gv, g, t } = sc;
  for (let j = 0; j < k; j++) {
    const sj = s[j];
    if (!(sj > 0)) continue;
    grad[layout.a + j] += r * sj;
    const delta = r * theta[layout.a + j];
    if (delta === 0) continue;
    const xBase = j * (L + 1) * p;
    const last = xBase + L * p;
    for (let c = 0; c < p; c++) {
      gv[c] += delta * xs[last + c];
      g[c] = delta * v[c];
    }
    for (let l = L - 1; l >= 0; l--) {
      const x = xBase + l * p;
      const q = (j * L + l) * m;
      const { u: uOff, v: vOff } = blocks[l];
      for (let r2 = 0; r2 < m; r2++) t[r2] = 0;
      for (let c = 0; c < p; c++) {
        const gc = g[c];
        if (gc === 0) continue;
        const row = uOff + c * m;
        for (let r2 = 0; r2 < m; r2++) {
          const qr = qs[q + r2];
          if (qr > 0) {
            grad[row + r2] += gc * qr;
            t[r2] += theta[row + r2] * gc;
          }
        }
      }
      for (let r2 = 0; r2 < m; r2++) {
        const tr = qs[q + r2] > 0 ? t[r2] : 0;
        if (tr === 0) continue;
        const row = vOff + r2 * p;
        for (let c = 0; c < p; c++) {
          grad[row + c] += tr * xs[x + c];
          g[c] += theta[row + c] * tr;
        }
      }
    }
  }
}

/**
 * The batch loss L_B(θ) with labels `labels` (length n), its gradient written into `grad` (length
 * size). O(n·k·L·p·m); allocates nothing when `scratch` is given.
 */
export function deepResidualLossAndGradient(
  layout: DeepResidualLayout,
  theta: Float64Array,
  batch: GaussianBatch,
  labels: Float64Array,
  grad: Float64Array,
  scratch: DeepResidualScratch = newDeepResidualScratch(layout),
): number {
  assertLength('theta', theta, 'size', layout.size);
  assertLength('grad', grad, 'size', layout.size);
  assertBatch(layout, batch);
  assertLength('labels', labels, 'n', batch.n);
  const normU = headDirection(layout, theta, scratch.v);
  grad.fill(0);
  scratch.gv.fill(0);
  let sumSq = 0;
  for (let i = 0; i < batch.n; i++) {
    const r = forwardSample(layout, theta, batch, i, scratch) - labels[i];
    sumSq += r * r;
    if (r !== 0) backwardSample(layout, theta, r, grad, scratch);
  }
  const inv = 1 / batch.n;
  for (let x = layout.a; x < layout.size; x++) grad[x] *= inv;
  const { v, gv } = scratch;
  let vg = 0;
  for (let c = 0; c < layout.p; c++) vg += v[c] * gv[c];
  for (let c = 0; c < layout.p; c++) grad[layout.w + c] = ((gv[c] - v[c] * vg) * inv) / normU;
  return 0.5 * sumSq * inv;
}
