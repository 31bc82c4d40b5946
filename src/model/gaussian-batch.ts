/**
 * Gaussian input batches of the model (THEORY.md §1): n inputs Z_1 … Z_n, each made of k
 * non-overlapping patches Z_{i,1} … Z_{i,k} ∈ R^p with i.i.d. N(0, 1) entries, i.e.
 *
 *   Z_{i,j} ~ N(0, I_p),   independent over i and j.
 *
 * Storage is one row-major Float64Array (sample, patch, coordinate):
 *
 *   (Z_{i,j})_c = z[(i·k + j)·p + c],   0 ≤ i < n, 0 ≤ j < k, 0 ≤ c < p,
 *
 * so a patch is a contiguous run of p doubles and a sample a contiguous run of k·p doubles.
 *
 * Every draw comes from the {@link Rng} passed in; {@link fillGaussianBatch} refills a caller's
 * batch without allocating (the SGD loop draws a fresh batch each step into the same buffer), and
 * {@link gaussianBatch} is the allocating convenience. The same seed gives the same batch.
 *
 * ## Special cases
 * - n, k, p must be positive integers; a RangeError names the offending value.
 */
import type { Rng } from '../random/rng.ts';

export interface GaussianBatch {
  /** Number of inputs (samples) n ≥ 1. */
  readonly n: number;
  /** Number of patches per input k ≥ 1. */
  readonly k: number;
  /** Patch dimension p ≥ 1. */
  readonly p: number;
  /** The n·k·p entries, row-major (sample, patch, coordinate). */
  readonly z: Float64Array;
}

/** Throws a RangeError unless `value` is a positive safe integer. */
function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer (got ${value})`);
  }
}

/**
 * Throws a RangeError naming the value when n, k or p is not a positive integer or when
 * z.length ≠ n·k·p.
 */
export function assertBatchShape(batch: GaussianBatch): void {
  assertPositiveInteger('batch.n', batch.n);
  assertPositiveInteger('batch.k', batch.k);
  assertPositiveInteger('batch.p', batch.p);
  const size = batch.n * batch.k * batch.p;
  if (batch.z.length !== size) {
    throw new RangeError(
      `batch.z must have length n·k·p = ${batch.n}·${batch.k}·${batch.p} = ${size} (got ${batch.z.length})`,
    );
  }
}

/** A zero-filled batch of shape n × k × p, to be filled by {@link fillGaussianBatch}. */
export function allocateGaussianBatch(n: number, k: number, p: number): GaussianBatch {
  assertPositiveInteger('n', n);
  assertPositiveInteger('k', k);
  assertPositiveInteger('p', p);
  return { n, k, p, z: new Float64Array(n * k * p) };
}

/**
 * Overwrites every entry of `batch.z` with an independent N(0, 1) draw from `rng`, in storage
 * order, and returns `batch`. Allocates nothing.
 */
export function fillGaussianBatch(rng: Rng, batch: GaussianBatch): GaussianBatch {
  assertBatchShape(batch);
  rng.fillNormal(batch.z);
  return batch;
}

/** Allocates a batch of shape n × k × p and fills it from `rng`. */
export function gaussianBatch(rng: Rng, n: number, k: number, p: number): GaussianBatch {
  return fillGaussianBatch(rng, allocateGaussianBatch(n, k, p));
}

/** The index in `batch.z` of (Z_{i,j})_0, the first coordinate of patch j of sample i. */
export function patchOffset(batch: GaussianBatch, i: number, j: number): number {
  return (i * batch.k + j) * batch.p;
}
