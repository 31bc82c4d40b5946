/**
 * The JSON spec of one training run, read by `train` and stored as the `input` of every
 * counterexample of a trajectory claim:
 *
 *   {"p","k","w0","a0","wStar","aStar","etaW","etaA","steps", "schedule"?, "batch"?, "seed"?, "record"?}
 *
 * - schedule: "constant" (default) | {"kind":"warmup","steps":W} | {"kind":"layerwise","switchStep":S}
 * - batch: B ≥ 1 (with B·k·p ≤ 2^24) switches to mini-batch SGD on fresh Gaussian batches, drawn
 *   from `seed` (default 0)
 * - record: n ≥ 1 (every n-th step) or {"every": n, "vectors": true} to also record w and a, at most
 *   2^22 recorded numbers in all
 */
import { z } from 'zod';
import { makeTeacher } from '../model/teacher.ts';
import { runDescent, type DescentResult, type DescentSpec } from '../optim/descent.ts';
import { populationOracle } from '../optim/gradient-oracle.ts';
import type { Schedule } from '../optim/schedule.ts';
import { stochasticOracle } from '../optim/stochastic-oracle.ts';
import { Rng } from '../random/rng.ts';
import { checkLengths } from './model-input.ts';
import { finiteNumber, finiteVector, positiveInteger } from './validation.ts';

/** The largest number of steps a spec may ask for. */
export const MAX_STEPS = 100_000_000;

/**
 * The largest SGD batch, counted in doubles (batch·k·p): 2^24 entries is a 128 MiB buffer, 64 times
 * P4's largest batch (B = 1024 at k = p = 16). A larger batch would fail to allocate.
 */
export const MAX_BATCH_ENTRIES = 2 ** 24;

/**
 * The most numbers a recorded trajectory may hold: 5 per point (step, loss, φ, aᵀa*, ‖e + w‖), plus
 * k + p with "vectors". 2^22 numbers print as roughly 100 MB of JSON; more would exhaust the heap.
 */
export const MAX_RECORDED_NUMBERS = 2 ** 22;

const positiveStep = finiteNumber.refine((x) => x > 0, 'must be a positive step size');
const nonNegativeInteger = z
  .number({ error: 'must be a non-negative integer' })
  .refine((x) => Number.isSafeInteger(x) && x >= 0, 'must be a non-negative integer');

const scheduleSchema = z.union(
  [
    z.literal('constant'),
    z.strictObject({ kind: z.literal('constant') }),
    z.strictObject({ kind: z.literal('warmup'), steps: positiveInteger }),
    z.strictObject({ kind: z.literal('layerwise'), switchStep: nonNegativeInteger }),
  ],
  {
    error:
      'must be "constant", {"kind":"warmup","steps":W} with W ≥ 1 or {"kind":"layerwise","switchStep":S} with S ≥ 0',
  },
);

const recordSchema = z.union([positiveInteger, z.strictObject({ every: positiveInteger, vectors: z.boolean().optional() })], {
  error: 'must be a positive integer n or {"every": n, "vectors": boolean}',
});

export const trainSpecSchema = z
  .strictObject({
    p: positiveInteger,
    k: positiveInteger,
    w0: finiteVector,
    a0: finiteVector,
    wStar: finiteVector,
    aStar: finiteVector,
    etaW: positiveStep,
    etaA: positiveStep,
    steps: nonNegativeInteger.refine((x) => x <= MAX_STEPS, `must be at most ${MAX_STEPS}`),
    schedule: scheduleSchema.optional(),
    batch: positiveInteger.optional(),
    seed: z
      .number({ error: 'must be an integer' })
      .refine((x) => Number.isSafeInteger(x), 'must be an integer')
      .optional(),
    record: recordSchema.optional(),
  })
  .superRefine((value, ctx) => {
    checkLengths(value, ctx, [
      { name: 'w0', length: value.p, lengthName: 'p', shortcut: true },
      { name: 'a0', length: value.k, lengthName: 'k' },
      { name: 'wStar', length: value.p, lengthName: 'p', shortcut: true },
      { name: 'aStar', length: value.k, lengthName: 'k' },
    ]);
    if (value.batch !== undefined && value.batch * value.k * value.p > MAX_BATCH_ENTRIES) {
      ctx.addIssue({
        code: 'custom',
        path: ['batch'],
        message: `batch·k·p must be at most ${MAX_BATCH_ENTRIES} (got ${value.batch}·${value.k}·${value.p})`,
      });
    }
    if (value.record !== undefined) {
      const every = typeof value.record === 'number' ? value.record : value.record.every;
      const vectors = typeof value.record === 'object' && value.record.vectors === true;
      const points = Math.floor(value.steps / every) + 2; // step 0, every n-th step, the final state
      const numbers = points * (5 + (vectors ? value.k + value.p : 0));
      if (numbers > MAX_RECORDED_NUMBERS) {
        ctx.addIssue({
          code: 'custom',
          path: ['record'],
          message: `would record ${numbers} numbers (${points} points), more than ${MAX_RECORDED_NUMBERS}: record less often`,
        });
      }
    }
  });

export type TrainSpec = z.output<typeof trainSpecSchema>;

function toSchedule(s: TrainSpec['schedule']): Schedule {
  if (s === undefined || s === 'constant') return { kind: 'constant' };
  return s;
}

/** The descent problem a validated spec describes. */
export function descentSpecOf(spec: TrainSpec): DescentSpec {
  const record =
    spec.record === undefined ? undefined : typeof spec.record === 'number' ? { every: spec.record } : spec.record;
  return {
    teacher: makeTeacher(Float64Array.from(spec.wStar), Float64Array.from(spec.aStar)),
    w0: Float64Array.from(spec.w0),
    a0: Float64Array.from(spec.a0),
    etaW: spec.etaW,
    etaA: spec.etaA,
    steps: spec.steps,
    schedule: toSchedule(spec.schedule),
    record,
  };
}

/** Runs the spec: GD, or SGD when `batch` is set. */
export function runTrainSpec(spec: TrainSpec): DescentResult {
  const descent = descentSpecOf(spec);
  const oracle =
    spec.batch === undefined
      ? populationOracle(descent.teacher)
      : stochasticOracle(descent.teacher, spec.batch, new Rng(spec.seed ?? 0));
  return runDescent(descent, oracle, spec.batch === undefined);
}

/** The `train` output document. */
export function trainOutput(result: DescentResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    w: Array.from(result.w),
    a: Array.from(result.a),
    steps: result.steps,
    outcome: result.outcome,
    loss: result.loss,
    phi: result.phi,
  };
  if (result.trajectory !== undefined) out.trajectory = result.trajectory;
  return out;
}
