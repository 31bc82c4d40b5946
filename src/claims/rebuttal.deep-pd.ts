/**
 * rebuttal.deep-pd (rebuttal l. 8–12, 37): "We will provide an empirical verification of the partial
 * dissipativity condition for deep ResNets", and "we can empirically verify that PD condition holds
 * globally with respect to the well trained model for some deep networks".
 *
 * Formalized on a deeper residual network (src/model/deep-residual.ts: L residual blocks
 * x_{l+1} = x_l + U_l σ(V_l x_l) on every patch, then the two-layer model's normalized head
 * Σ_j a_j σ(vᵀx_L)), trained as src/experiments/deep-pd.ts describes: planted teacher with small
 * residual weights (l. 8–9), student with w_0 = 0 and every residual block at 0 (l. 13–14),
 * mini-batch SGD on a fixed training set, then monotone full-batch GD: θ_T, "the well trained
 * model". PD (THEORY.md §4) per block B ∈ {v, a, residual 1 … L} with respect to θ_T:
 *
 *   ⟨−∇_B L_n(θ), θ_T,B − θ_B⟩ ≥ c‖θ_B − θ_T,B‖² − ε   for every θ ∈ S,
 *
 * S = the recorded iterates of the run ∪ random points around θ_T ("globally": the whole set).
 * On a bounded set some ε works for every c, so the claim needs a non-vacuous pair: we require the
 * PD radius r* = min_c √(ε(c)/c) (src/experiments/pd-frontier.ts) to be at most half the set's
 * largest distance D_B — PD then says that every point of S farther than D_B/2 from θ_T moves
 * towards it in block B. The claim holds if every block of every network, at every depth
 * L ∈ {1, 2, 4, 8}, meets this; a block with r* > D_B/2 refutes it (r* = D_B, "vacuous", means a
 * point at the largest distance has the block moving away from θ_T or not towards it).
 *
 * Reported besides (not part of the verdict): the same quantities for the whole θ as one block,
 * the largest c with ε = 0 per block, and the data of the report's plots (details.alongTraining:
 * per depth, the first network's PD ratio in_B/d_B and cosine ∠(−∇_B L_n, θ_T,B − θ_B) per block at
 * every recorded step; details.byDepth: r* / D_B, c* and ε* per block against L).
 *
 * A refutation's counterexample: the `hypothesis` replays the network (seed, depth, index, options
 * of src/experiments/deep-pd.ts) and names the block and the witness point; the deep model has no
 * `train` spec, so `input` is a steps-0 spec of the network's head only (w and a at the witness,
 * the trained head as teacher) — a pointer, not a replay.
 */
import { DEEP_PD_DEFAULTS, networkPd, trainDeepNetwork, type DeepPdOptions, type NetworkPd } from '../experiments/deep-pd.ts';
import type { PdFrontier } from '../experiments/pd-frontier.ts';
import { deepResidualLayout } from '../model/deep-residual.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import type { ClaimContext, ClaimResult, Counterexample, OtherClaim } from './claim.ts';
import { fmt } from './universal-runner.ts';

const ID = 'rebuttal.deep-pd';
const FORMALIZATION_VERSION = 2;
/** The depths L checked. */
export const DEEP_PD_DEPTHS: readonly number[] = [1, 2, 4, 8];
/** Non-vacuous PD: r* ≤ RADIUS_LIMIT·D_B. */
export const RADIUS_LIMIT = 0.5;

/** One row of details.byDepth: a block (or all residual blocks) at one depth, over the networks. */
interface DepthRow {
  readonly depth: number;
  readonly block: string;
  readonly networks: number;
  /** Networks where the block is vacuous (r* = D) and where r* > RADIUS_LIMIT·D. */
  readonly vacuous: number;
  readonly failing: number;
  readonly radiusRatio: { readonly median: number; readonly max: number };
  /** Medians of c* and ε* over the networks where they exist (null when none). */
  readonly c: number | null;
  readonly epsilon: number | null;
  /** The smallest c₀ (largest c at ε = 0; negative: none) over the networks. */
  readonly cAtZeroEpsilon: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function depthRow(depth: number, block: string, fronts: readonly PdFrontier[]): DepthRow {
  const cs = fronts.map((f) => f.c).filter((c): c is number => c !== null);
  const eps = fronts.map((f) => f.epsilon).filter((e): e is number => e !== null);
  return {
    depth,
    block,
    networks: fronts.length,
    vacuous: fronts.filter((f) => f.radiusRatio >= 1).length,
    failing: fronts.filter((f) => f.radiusRatio > RADIUS_LIMIT).length,
    radiusRatio: { median: median(fronts.map((f) => f.radiusRatio)), max: Math.max(...fronts.map((f) => f.radiusRatio)) },
    c: cs.length === 0 ? null : median(cs),
    epsilon: eps.length === 0 ? null : median(eps),
    cAtZeroEpsilon: Math.min(...fronts.map((f) => f.cAtZeroEpsilon)),
  };
}

/** The rows of one depth: v, a, every residual block, the worst residual block per network, all. */
function depthRows(depth: number, nets: readonly NetworkPd[]): DepthRow[] {
  const names = nets[0].blocks.map((b) => b.block);
  const rows = names.map((name, b) => depthRow(depth, name, nets.map((n) => n.blocks[b].both)));
  const worstResidual = nets.map((n) =>
    n.blocks.filter((b) => b.block.startsWith('residual')).reduce((x, y) => (y.both.radiusRatio > x.both.radiusRatio ? y : x)).both,
  );
  rows.push(depthRow(depth, 'residual (worst)', worstResidual));
  return rows;
}

/** The first network of a depth along training: step, L_n, and per block in_B/d_B and the cosine. */
function alongTraining(net: NetworkPd): Record<string, unknown> {
  const trajectory = net.values.filter((v) => v.kind === 'trajectory');
  return {
    depth: net.depth,
    index: net.index,
    steps: trajectory.map((v) => v.at),
    loss: trajectory.map((v) => v.loss),
    blocks: net.blocks.map((b, i) => ({
      block: b.block,
      ratio: trajectory.map((v) => v.inner[i] / v.distSq[i]),
      cosine: trajectory.map((v) => v.inner[i] / (v.gradNorm[i] * Math.sqrt(v.distSq[i]))),
    })),
  };
}

/** The steps-0 head spec and the replay record of a failing block (module comment). */
function counterexampleOf(seed: number, net: NetworkPd, blockIndex: number, o: DeepPdOptions): Counterexample {
  const block = net.blocks[blockIndex];
  const trained = trainDeepNetwork(seed, net.depth, net.index, o);
  const layout = deepResidualLayout({ p: o.p, k: o.k, width: o.width, depth: net.depth });
  const w = block.witness;
  const at =
    w.kind === 'trajectory'
      ? (trained.iterates.find((it) => it.step === w.at)?.theta ?? trained.thetaT)
      : trained.thetaT; // a random point's head differs from θ_T only by the perturbation: the hypothesis replays it
  const { etaA, etaW } = protocolStepSizes(o.k, o.alpha, 1);
  const slice = (theta: Float64Array, lo: number, n: number): number[] => Array.from(theta.subarray(lo, lo + n));
  return {
    claim: ID,
    formalizationVersion: FORMALIZATION_VERSION,
    input: {
      p: o.p,
      k: o.k,
      w0: slice(at, layout.w, o.p),
      a0: slice(at, layout.a, o.k),
      wStar: slice(trained.thetaT, layout.w, o.p),
      aStar: slice(trained.thetaT, layout.a, o.k),
      etaW,
      etaA,
      steps: 0,
    },
    hypothesis: { seed, depth: net.depth, index: net.index, block: block.block, witness: w, options: o },
    violated: `block ${block.block} of a depth-${net.depth} network is not PD w.r.t. the trained model beyond half its range: r*/D = ${fmt(block.both.radiusRatio, 3)} > ${RADIUS_LIMIT} (witness: ${w.kind} point ${w.at}, ⟨−∇_B L, θ_T,B − θ_B⟩ = ${fmt(w.inner, 3)} at ‖θ_B − θ_T,B‖² = ${fmt(w.distSq, 3)}); input holds the head only (the deep model has no train spec)`,
    margin: RADIUS_LIMIT - block.both.radiusRatio,
  };
}

export const rebuttalDeepPd: OtherClaim = {
  id: ID,
  kind: 'estimate',
  title: 'Partial dissipativity holds empirically for deeper residual networks',
  statement: `for residual networks of depth L ∈ {${DEEP_PD_DEPTHS.join(', ')}} (blocks x + U σ(V x) on each patch, normalized head), trained from zero residual blocks and w_0 = 0 on a planted teacher with small residual weights, every block (v, a, each residual block) is PD w.r.t. the trained model θ_T on the trajectory and random points around θ_T, with a non-vacuous pair: PD radius √(ε/c) ≤ ${RADIUS_LIMIT}·(the block's largest distance)`,
  source: {
    lines: 'rebuttal l. 8–14, 37',
    quoted: [
      '"the weights in well-trained deep ResNet have small magnitudes" (l. 8)',
      '"the partial dissipativity condition (PD for short, Definition 3,) provides a potential outlet to analyze deep ResNet. We will provide an empirical verification of the partial dissipativity condition for deep ResNets in the revision" (l. 10–12)',
      '"simply initializing w at 0 has been observed working well in deep ResNets" (l. 13–14)',
      '"we can empirically verify that PD condition holds globally with respect to the well trained model for some deep networks where multiple global optima exist" (l. 37–38)',
    ],
    ours: [
      `architecture: p = k = ${DEEP_PD_DEFAULTS.p}, branch width m = ${DEEP_PD_DEFAULTS.width}, ReLU, weights shared over patches, head Σ_j a_j σ(vᵀx_L) with v = (e + w)/‖e + w‖ (the two-layer model at L = 0)`,
      `teacher: w* = ${DEEP_PD_DEFAULTS.wScale}·ξ/√p, a* ~ N(0, I_k), V*_l ~ N(0, 2/p), U*_l ~ N(0, τ²/(mL)) with τ = ${DEEP_PD_DEFAULTS.branchScale}; student: w_0 = 0, a_0 ~ N(0, I/k), U_l = 0, V_l ~ N(0, 2/p) ("every residual block at 0": the branch's last layer, as Goyal et al. 2017's zero-γ)`,
      `training: n = ${DEEP_PD_DEFAULTS.trainSize} inputs, SGD with B = ${DEEP_PD_DEFAULTS.batch} for T = ${DEEP_PD_DEFAULTS.sgdSteps} steps, η_w = η_a = ${DEEP_PD_DEFAULTS.alpha}·2π/(π−1+k), η_res = ${DEEP_PD_DEFAULTS.etaResidual}, ×(1, 0.3, 0.1) over T; then ${DEEP_PD_DEFAULTS.polishSteps} monotone full-batch GD steps: θ_T`,
      'PD on the training objective L_n, per block, the head block as the direction v (D7\'s block), w.r.t. θ_T',
      `S: the iterates every ${DEEP_PD_DEFAULTS.recordEvery} SGD steps and 5 of the polish, and ${DEEP_PD_DEFAULTS.pointsPerRadius} random points per relative radius ρ ∈ {${DEEP_PD_DEFAULTS.radii.join(', ')}} around θ_T (every block moved by ρ·‖θ_T,B‖)`,
      `non-vacuous: PD radius r* = min_c √(ε(c)/c) ≤ ${RADIUS_LIMIT}·D_B, D_B the block's largest distance on S (r* = D_B: vacuous)`,
      'networks per depth: the budget\'s runs',
    ],
  },
  formalizationVersion: FORMALIZATION_VERSION,
  expected: 'refuted',
  budgets: {
    dev: { runs: 2, timeMs: 60_000 },
    ci: { runs: 2, timeMs: 60_000 },
    nightly: { runs: 10, timeMs: 1_200_000 },
    soak: { runs: 40, timeMs: 7_200_000 },
  },
  run(ctx: ClaimContext): ClaimResult {
    const o = DEEP_PD_DEFAULTS;
    const deadline = performance.now() + ctx.budget.timeMs;
    const nets: NetworkPd[] = [];
    let interrupted = false;
    for (const depth of DEEP_PD_DEPTHS) {
      for (let index = 0; index < ctx.budget.runs; index++) {
        if (performance.now() > deadline) {
          interrupted = true;
          break;
        }
        nets.push(networkPd(ctx.seed, depth, index, o));
      }
    }
    const depthsDone = DEEP_PD_DEPTHS.filter((d) => nets.some((n) => n.depth === d));
    const byDepth = depthsDone.flatMap((d) => depthRows(d, nets.filter((n) => n.depth === d)));
    const blockResults = nets.flatMap((n) => n.blocks.filter((b) => b.block !== 'all').map((b) => ({ net: n, b })));
    const failing = blockResults.filter(({ b }) => b.both.radiusRatio > RADIUS_LIMIT);
    const vacuous = failing.filter(({ b }) => b.both.radiusRatio >= 1);
    /** "failing/all" among the blocks of a kind: 'v', 'a' or 'residual' (every residual block). */
    const count = (kind: string, list: typeof blockResults): string => {
      const of = ({ b }: (typeof blockResults)[number]): boolean => (kind === 'residual' ? b.block.startsWith('residual') : b.block === kind);
      return `${list.filter(of).length}/${blockResults.filter(of).length}`;
    };
    const whole = nets.map((n) => n.blocks[n.blocks.length - 1].both);
    const wholeStrict = whole.filter((f) => f.cAtZeroEpsilon > 0).length;
    const perDepth = depthsDone
      .map((d) => {
        const row = byDepth.find((r) => r.depth === d && r.block === 'residual (worst)');
        return `L=${d}: worst residual r*/D median ${fmt(row?.radiusRatio.median ?? NaN, 2)}`;
      })
      .join(', ');
    const losses = nets.map((n) => n.finalLoss);
    const trained = median(nets.map((n) => n.finalLoss / n.initialLoss));
    const what = `${nets.length} networks (L ∈ {${depthsDone.join(', ')}}, ${ctx.budget.runs} each; median L_n(θ_T) ${fmt(median(losses), 2)}, median L_n(θ_T)/L_n(θ_0) ${fmt(trained, 2)}, median ‖∇L_n(θ_T)‖ ${fmt(median(nets.map((n) => n.finalGradNorm)), 2)})`;
    const blockText = `blocks with r* > ${RADIUS_LIMIT}·D: v ${count('v', failing)}, a ${count('a', failing)}, residual ${count('residual', failing)}; vacuous (r* = D): v ${count('v', vacuous)}, a ${count('a', vacuous)}, residual ${count('residual', vacuous)}; ${perDepth}`;
    const wholeText = `whole θ as one block: PD with ε = 0 (c₀ > 0) in ${wholeStrict}/${whole.length} networks, c₀ ≥ ${fmt(Math.min(...whole.map((f) => f.cAtZeroEpsilon)), 2)}`;
    const evidence = `${interrupted ? `time budget of ${ctx.budget.timeMs} ms ran out; ` : ''}${what}: ${blockText}; ${wholeText}`;
    const details = {
      seed: ctx.seed,
      options: o,
      radiusLimit: RADIUS_LIMIT,
      interrupted,
      networks: nets.map((n) => ({
        depth: n.depth,
        index: n.index,
        initialLoss: n.initialLoss,
        finalLoss: n.finalLoss,
        finalGradNorm: n.finalGradNorm,
        blocks: n.blocks.map((b) => ({ block: b.block, trajectory: b.trajectory, around: b.around, both: b.both, witness: b.witness })),
      })),
      byDepth,
      alongTraining: depthsDone.map((d) => alongTraining(nets.find((n) => n.depth === d) as NetworkPd)),
    };
    const runs = nets.length;
    if (failing.length > 0) {
      const first = failing[0];
      const blockIndex = first.net.blocks.indexOf(first.b);
      return { verdict: 'refuted', evidence, runs, details, counterexample: counterexampleOf(ctx.seed, first.net, blockIndex, o) };
    }
    return { verdict: interrupted || nets.length === 0 ? 'inconclusive' : 'holds', evidence, runs, details };
  },
};
