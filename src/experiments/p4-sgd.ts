/**
 * Protocol P4 (THEORY.md §7), mini-batch SGD (rebuttal l. 6–7): k = p = 16, P1's teacher with
 * s = 0.5, w_0 = 0, a_0 uniform in the ball B(0, |1ᵀa*|/√k), η_a = α·2π/(π−1+k) with α = 0.5,
 * η_w = β·η_a with β = 1; every step draws a fresh Gaussian batch of size B and follows the exact
 * gradient of the batch loss (src/optim/stochastic-oracle.ts), for at most T = 5000 steps (early
 * stop at population loss L ≤ 1e-12, THEORY.md §7 "Common").
 *
 * Reported per run: φ_T, the final population loss L_T, the steps taken, and L_τ, the population
 * loss at a checkpoint step τ (before any run reaches the early stop; see `checkpoint`).
 *
 * A run is a pure function of (seed, trial, B): the teacher and the start come from
 * Rng.derived(seed, trial), so every B (and plain GD, B = undefined) starts from the same point
 * (a paired design), and the batches from the stream deriveSeed(seed, trial, B).
 */
import { evaluate } from '../model/population-loss.ts';
import { makeTeacher } from '../model/teacher.ts';
import type { Outcome } from '../optim/outcome.ts';
import { runTrainSpec, type TrainSpec } from '../io/train-spec.ts';
import { deriveSeed, Rng } from '../random/rng.ts';
import { ballRadius, protocolTeacher, uniformInBall } from '../theory/initialization.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';

export interface P4Options {
  readonly k: number;
  readonly scale: number;
  readonly alpha: number;
  readonly beta: number;
  /** The horizon T. */
  readonly steps: number;
  /** The checkpoint τ ≤ T at which L_τ is read. */
  readonly checkpoint: number;
}

export const P4_BATCHES: readonly number[] = [16, 64, 256, 1024];

export const P4_DEFAULTS: P4Options = { k: 16, scale: 0.5, alpha: 0.5, beta: 1, steps: 5000, checkpoint: 100 };

/** The `train` spec of trial `trial` with batch size B (GD when `batch` is undefined). */
export function p4TrainSpec(seed: number, trial: number, batch: number | undefined, o: P4Options = P4_DEFAULTS): TrainSpec {
  if (!(Number.isSafeInteger(o.checkpoint) && o.checkpoint >= 1 && o.checkpoint <= o.steps)) {
    throw new RangeError(`checkpoint must be an integer in [1, steps = ${o.steps}] (got ${o.checkpoint})`);
  }
  const rng = Rng.derived(seed, trial);
  const { wStar, aStar } = protocolTeacher(rng, o.k, o.k, o.scale);
  const a0 = uniformInBall(rng, o.k, ballRadius(makeTeacher(wStar, aStar).aStarSum, o.k));
  const { etaA, etaW } = protocolStepSizes(o.k, o.alpha, o.beta);
  const spec: TrainSpec = {
    p: o.k,
    k: o.k,
    w0: new Array<number>(o.k).fill(0),
    a0: Array.from(a0),
    wStar: Array.from(wStar),
    aStar: Array.from(aStar),
    etaW,
    etaA,
    steps: o.steps,
    record: o.checkpoint,
  };
  return batch === undefined ? spec : { ...spec, batch, seed: deriveSeed(seed, trial, batch) };
}

export interface P4Run {
  readonly trial: number;
  /** B, or null for plain GD. */
  readonly batch: number | null;
  readonly outcome: Outcome;
  readonly phi: number;
  readonly loss: number;
  readonly loss0: number;
  readonly steps: number;
  /** L_τ; the final loss when the run stopped before τ (then `stoppedBeforeCheckpoint`). */
  readonly lossAtCheckpoint: number;
  readonly stoppedBeforeCheckpoint: boolean;
}

/** Runs trial `trial` with batch size B (GD when undefined). */
export function p4Run(seed: number, trial: number, batch: number | undefined, o: P4Options = P4_DEFAULTS): P4Run {
  const spec = p4TrainSpec(seed, trial, batch, o);
  const teacher = makeTeacher(Float64Array.from(spec.wStar), Float64Array.from(spec.aStar));
  const loss0 = evaluate(teacher, Float64Array.from(spec.w0), Float64Array.from(spec.a0)).loss;
  const r = runTrainSpec(spec);
  const atCheckpoint = r.trajectory?.find((p) => p.step === o.checkpoint);
  return {
    trial,
    batch: batch ?? null,
    outcome: r.outcome,
    phi: r.phi,
    loss: r.loss,
    loss0,
    steps: r.steps,
    lossAtCheckpoint: atCheckpoint?.loss ?? r.loss,
    stoppedBeforeCheckpoint: atCheckpoint === undefined,
  };
}
