/**
 * Partial dissipativity of a deeper residual network with respect to its trained model (rebuttal
 * l. 8–12, 37; THEORY.md §4), on the network of ../model/deep-residual.ts:
 *
 * 1. a planted teacher θ* with small residual weights and a student with every residual block at 0
 *    (../model/deep-residual-init.ts);
 * 2. training on a fixed training set of n Gaussian inputs labelled by the teacher — the
 *    objective L_n(θ) = (1/2n) Σ_i (f(Z_i; θ) − y_i)² — by mini-batch SGD (batches of B drawn with
 *    replacement; step sizes η_w = η_a = α·2π/(π−1+k) as P4, η_res for the residual weights, all
 *    multiplied by 1, 0.3, 0.1 over the halves and quarters of T), then `polishSteps` of monotone
 *    full-batch GD from the base rates (a step that raises L_n is undone and the rates halved):
 *    θ_T, "the well trained model";
 * 3. the PD inner products of every block B ∈ {v, a, residual block 1 … L, and the whole θ}
 *    with respect to θ_T, on the objective L_n:
 *
 *      in_B(θ) = ⟨−∇_B L_n(θ), θ_T,B − θ_B⟩,   d_B(θ) = ‖θ_B − θ_T,B‖²,
 *
 *    with the direction v = (e + w)/‖e + w‖ for the head block (∇_w L_n against v_T − v, as D7),
 *    and the whole θ in parameter space. Points: the recorded iterates of the run (SGD every
 *    `recordEvery` steps, five of the polish), and random points around θ_T — every block moved
 *    by an independent Gaussian direction of length ρ·‖θ_T,B‖ (ρ·‖e + w_T‖ for w) for ρ in `radii`;
 * 4. per block, the best constants on that set (./pd-frontier.ts): c₀ (ε = 0), and the pair of the
 *    smallest PD radius r* = √(ε/c), with r* / D ∈ [0, 1] (0: PD with ε = 0; 1: vacuous).
 *
 * A network is a pure function of (seed, depth, index): its draws come from
 * Rng.derived(seed, depth, index, j), j = 0 teacher, 1 student, 2 training set, 3 mini-batches,
 * 4 random points.
 */
import { deepResidualLayout, deepResidualLossAndGradient, deepResidualOutputs, newDeepResidualScratch, type DeepResidualLayout, type DeepResidualScratch } from '../model/deep-residual.ts';
import { plantedDeepTeacher, zeroBlockStudent } from '../model/deep-residual-init.ts';
import { allocateGaussianBatch, gaussianBatch, type GaussianBatch } from '../model/gaussian-batch.ts';
import { shortcutComponent } from '../model/teacher.ts';
import { Rng } from '../random/rng.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import { pdFrontier, type PdFrontier } from './pd-frontier.ts';

export interface DeepPdOptions {
  readonly p: number;
  readonly k: number;
  readonly width: number;
  /** The teacher: w* = s·ξ/√p, residual stack of size τ (../model/deep-residual-init.ts). */
  readonly wScale: number;
  readonly branchScale: number;
  /** Training-set size n, mini-batch B, SGD steps T, full-batch polish steps. */
  readonly trainSize: number;
  readonly batch: number;
  readonly sgdSteps: number;
  readonly polishSteps: number;
  /** α of the head's steps η_w = η_a = α·2π/(π−1+k); η_res of the residual weights. */
  readonly alpha: number;
  readonly etaResidual: number;
  /** An iterate is recorded every `recordEvery` SGD steps. */
  readonly recordEvery: number;
  /** Relative radii ρ of the random points and their number per radius. */
  readonly radii: readonly number[];
  readonly pointsPerRadius: number;
}

export const DEEP_PD_DEFAULTS: DeepPdOptions = {
  p: 4,
  k: 4,
  width: 4,
  wScale: 0.5,
  branchScale: 0.5,
  trainSize: 128,
  batch: 16,
  sgdSteps: 2000,
  polishSteps: 200,
  alpha: 0.3,
  etaResidual: 0.02,
  recordEvery: 100,
  radii: [0.03, 0.1, 0.3],
  pointsPerRadius: 4,
};

/** A PD block: its name and its parameter range in θ ('v' is the head's direction). */
export interface PdBlockRange {
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
}

/** The blocks of a layout: v, a, residual 1 … L, and `all` (the whole θ). */
export function pdBlocks(layout: DeepResidualLayout): PdBlockRange[] {
  const blocks: PdBlockRange[] = [
    { name: 'v', lo: layout.w, hi: layout.w + layout.p },
    { name: 'a', lo: layout.a, hi: layout.a + layout.k },
  ];
  layout.blocks.forEach((b, l) => blocks.push({ name: `residual ${l + 1}`, lo: b.u, hi: b.v + layout.p * layout.width }));
  blocks.push({ name: 'all', lo: 0, hi: layout.size });
  return blocks;
}

/** v = (e + w)/‖e + w‖ of θ. */
function headDirection(layout: DeepResidualLayout, theta: Float64Array): Float64Array {
  const e = shortcutComponent(layout.p);
  const u = Float64Array.from(theta.subarray(layout.w, layout.w + layout.p), (x) => x + e);
  const norm = Math.hypot(...u);
  return u.map((x) => x / norm);
}

/** in_B and d_B of one block at θ, given ∇L_n(θ) and the target θ_T (module comment). */
export function blockInner(
  layout: DeepResidualLayout,
  block: PdBlockRange,
  theta: Float64Array,
  grad: Float64Array,
  thetaT: Float64Array,
): { inner: number; distSq: number } {
  let inner = 0;
  let distSq = 0;
  if (block.name === 'v') {
    const v = headDirection(layout, theta);
    const vT = headDirection(layout, thetaT);
    for (let c = 0; c < layout.p; c++) {
      const d = vT[c] - v[c];
      inner -= grad[layout.w + c] * d;
      distSq += d * d;
    }
    return { inner, distSq };
  }
  for (let x = block.lo; x < block.hi; x++) {
    const d = thetaT[x] - theta[x];
    inner -= grad[x] * d;
    distSq += d * d;
  }
  return { inner, distSq };
}

/** The training of one network (steps 1–2 of the module comment). */
export interface TrainedNetwork {
  readonly layout: DeepResidualLayout;
  readonly thetaStar: Float64Array;
  readonly thetaT: Float64Array;
  /** The recorded iterates (θ_0 first; θ_T excluded) and their steps (SGD steps, then T + polish steps). */
  readonly iterates: readonly { readonly step: number; readonly theta: Float64Array }[];
  readonly train: GaussianBatch;
  readonly labels: Float64Array;
  /** L_n(θ_0), L_n(θ_T) and ‖∇L_n(θ_T)‖. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly finalGradNorm: number;
}

/** Trains network `index` of depth `depth` (module comment). */
export function trainDeepNetwork(seed: number, depth: number, index: number, o: DeepPdOptions): TrainedNetwork {
  const layout = deepResidualLayout({ p: o.p, k: o.k, width: o.width, depth });
  const thetaStar = plantedDeepTeacher(Rng.derived(seed, depth, index, 0), layout, { wScale: o.wScale, branchScale: o.branchScale });
  const theta = zeroBlockStudent(Rng.derived(seed, depth, index, 1), layout);
  const train = gaussianBatch(Rng.derived(seed, depth, index, 2), o.trainSize, o.k, o.p);
  const labels = deepResidualOutputs(layout, thetaStar, train);
  const draws = Rng.derived(seed, depth, index, 3);
  const { etaA } = protocolStepSizes(o.k, o.alpha, 1);
  const eta = Float64Array.from({ length: layout.size }, (_, x) => (x < layout.a + layout.k ? etaA : o.etaResidual));
  const scratch = newDeepResidualScratch(layout);
  const grad = new Float64Array(layout.size);
  const batch = allocateGaussianBatch(o.batch, o.k, o.p);
  const batchLabels = new Float64Array(o.batch);
  const sample = o.k * o.p;
  const iterates: { step: number; theta: Float64Array }[] = [];
  const initialLoss = deepResidualLossAndGradient(layout, theta, train, labels, grad, scratch);
  for (let step = 0; step < o.sgdSteps; step++) {
    if (step % o.recordEvery === 0) iterates.push({ step, theta: Float64Array.from(theta) });
    const decay = step < o.sgdSteps / 2 ? 1 : step < (3 * o.sgdSteps) / 4 ? 0.3 : 0.1;
    for (let i = 0; i < o.batch; i++) {
      const src = Math.floor(draws.uniform() * o.trainSize);
      batch.z.set(train.z.subarray(src * sample, (src + 1) * sample), i * sample);
      batchLabels[i] = labels[src];
    }
    deepResidualLossAndGradient(layout, theta, batch, batchLabels, grad, scratch);
    for (let x = 0; x < layout.size; x++) theta[x] -= decay * eta[x] * grad[x];
  }
  const polishRecord = Math.max(1, Math.floor(o.polishSteps / 5));
  const previous = new Float64Array(layout.size);
  let factor = 1;
  let loss = deepResidualLossAndGradient(layout, theta, train, labels, grad, scratch);
  for (let s = 0; s < o.polishSteps; s++) {
    if (s % polishRecord === 0) iterates.push({ step: o.sgdSteps + s, theta: Float64Array.from(theta) });
    previous.set(theta);
    for (let x = 0; x < layout.size; x++) theta[x] -= factor * eta[x] * grad[x];
    const next = deepResidualLossAndGradient(layout, theta, train, labels, grad, scratch);
    if (next > loss) {
      // Monotone GD: a step that raises L_n is undone and the step halved.
      theta.set(previous);
      factor /= 2;
      loss = deepResidualLossAndGradient(layout, theta, train, labels, grad, scratch);
    } else {
      loss = next;
    }
  }
  const finalLoss = loss;
  return {
    layout,
    thetaStar,
    thetaT: theta,
    iterates,
    train,
    labels,
    initialLoss,
    finalLoss,
    finalGradNorm: Math.hypot(...grad),
  };
}

/** The random points around θ_T (step 3 of the module comment). */
export function pointsAround(net: TrainedNetwork, seed: number, index: number, o: DeepPdOptions): Float64Array[] {
  const { layout, thetaT } = net;
  const rng = Rng.derived(seed, layout.depth, index, 4);
  const e = shortcutComponent(layout.p);
  const blocks = pdBlocks(layout).filter((b) => b.name !== 'all');
  const points: Float64Array[] = [];
  for (const rho of o.radii) {
    for (let i = 0; i < o.pointsPerRadius; i++) {
      const theta = Float64Array.from(thetaT);
      for (const b of blocks) {
        let sq = 0;
        for (let x = b.lo; x < b.hi; x++) sq += b.name === 'v' ? (thetaT[x] + e) ** 2 : thetaT[x] ** 2;
        const dir = rng.fillNormal(new Float64Array(b.hi - b.lo));
        const scale = (rho * Math.sqrt(sq)) / Math.hypot(...dir);
        for (let x = b.lo; x < b.hi; x++) theta[x] += scale * dir[x - b.lo];
      }
      points.push(theta);
    }
  }
  return points;
}

/** One evaluated point: where it comes from, L_n there, and in_B, d_B per block (pdBlocks order). */
export interface PdPointValues {
  readonly kind: 'trajectory' | 'around';
  /** The step of an iterate, or the index of a random point. */
  readonly at: number;
  readonly loss: number;
  readonly inner: number[];
  readonly distSq: number[];
  /** ‖∇_B L_n‖ per block (for the cosine of −∇_B with the direction to θ_T). */
  readonly gradNorm: number[];
}

/** in_B, d_B of every block at every point. */
export function evaluatePoints(
  net: TrainedNetwork,
  points: readonly { kind: 'trajectory' | 'around'; at: number; theta: Float64Array }[],
  scratch: DeepResidualScratch = newDeepResidualScratch(net.layout),
): PdPointValues[] {
  const blocks = pdBlocks(net.layout);
  const grad = new Float64Array(net.layout.size);
  return points.map(({ kind, at, theta }) => {
    const loss = deepResidualLossAndGradient(net.layout, theta, net.train, net.labels, grad, scratch);
    const values = blocks.map((b) => blockInner(net.layout, b, theta, grad, net.thetaT));
    const gradNorm = blocks.map((b) => Math.hypot(...grad.subarray(b.lo, b.hi)));
    return { kind, at, loss, inner: values.map((v) => v.inner), distSq: values.map((v) => v.distSq), gradNorm };
  });
}

/** The PD result of one block of one network. */
export interface BlockPd {
  readonly block: string;
  /** On the trajectory, on the random points, and on both. */
  readonly trajectory: PdFrontier;
  readonly around: PdFrontier;
  readonly both: PdFrontier;
  /** The point of `both` that decides r* (the largest d_B − in_B/c*; at c* = ∞: the farthest). */
  readonly witness: { readonly kind: 'trajectory' | 'around'; readonly at: number; readonly inner: number; readonly distSq: number };
}

/** The PD result of one network. */
export interface NetworkPd {
  readonly depth: number;
  readonly index: number;
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly finalGradNorm: number;
  readonly blocks: BlockPd[];
  readonly values: PdPointValues[];
}

function witnessOf(values: readonly PdPointValues[], b: number, f: PdFrontier): BlockPd['witness'] {
  let best = values[0];
  let score = -Infinity;
  for (const v of values) {
    if (!(v.distSq[b] > 0)) continue;
    const s = f.c === null ? v.distSq[b] - (v.inner[b] > 0 ? 1e-300 : 0) : v.distSq[b] - v.inner[b] / f.c;
    if (s > score) {
      score = s;
      best = v;
    }
  }
  return { kind: best.kind, at: best.at, inner: best.inner[b], distSq: best.distSq[b] };
}

/** Trains network (depth, index) and evaluates PD of every block (module comment). */
export function networkPd(seed: number, depth: number, index: number, o: DeepPdOptions): NetworkPd {
  const net = trainDeepNetwork(seed, depth, index, o);
  const points = [
    ...net.iterates.map((it) => ({ kind: 'trajectory' as const, at: it.step, theta: it.theta })),
    ...pointsAround(net, seed, index, o).map((theta, i) => ({ kind: 'around' as const, at: i, theta })),
  ];
  const values = evaluatePoints(net, points);
  const blocks = pdBlocks(net.layout).map((blk, b): BlockPd => {
    const of = (kind?: 'trajectory' | 'around'): PdFrontier => {
      const chosen = values.filter((v) => kind === undefined || v.kind === kind);
      return pdFrontier(chosen.map((v) => v.inner[b]), chosen.map((v) => v.distSq[b]));
    };
    const both = of();
    return { block: blk.name, trajectory: of('trajectory'), around: of('around'), both, witness: witnessOf(values, b, both) };
  });
  return { depth, index, initialLoss: net.initialLoss, finalLoss: net.finalLoss, finalGradNorm: net.finalGradNorm, blocks, values };
}
