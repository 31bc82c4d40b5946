/**
 * Kernel benchmarks besides the GD step:
 * - batch-gradient: the sample-model loss and gradient (../model/sample-model.ts, what SGD and the
 *   Monte-Carlo checks run) on a Gaussian batch of n × k × p = 1024 × 64 × 64; samples per second;
 * - reference-eval: the decimal.js/BigInt reference (../reference/population-loss.ts) at 40
 *   significant digits, k = p = 16; evaluations per second;
 * - eval: the `eval` command's work on 1000 points with k = p = 64 — parsing the JSON text,
 *   validating every point, the float64 evaluation and writing the JSON output — in seconds
 *   (the process's start-up, about half a second of Node and module loading, is not included);
 * - eval-cancelling: the same with every a within 1e-6 of D4's a(φ), where ∇_a L cancels and
 *   every point's ∇_a L is recomputed in double-double (../model/a-gradient-double-double.ts):
 *   the worst case of the same target.
 */
import { runEval } from '../cli/eval-command.ts';
import { gaussianBatch } from '../model/gaussian-batch.ts';
import { batchLossAndGradient, newSampleModelScratch } from '../model/sample-model.ts';
import { makeTeacher, type Teacher } from '../model/teacher.ts';
import { Rng } from '../random/rng.ts';
import { referenceEvaluate } from '../reference/population-loss.ts';
import { aFixedPointAt } from '../theory/a-fixed-point-at.ts';
import { protocolTeacher } from '../theory/initialization.ts';
import type { BenchEntry } from './bench-entry.ts';
import { medianMs, type TimingBudget } from './timing.ts';

const SEED = 2019;

/** A P1 teacher (s = 1) of size (p, k) and a student drawn around it. */
function problem(p: number, k: number): { teacher: Teacher; w: Float64Array; a: Float64Array } {
  const { wStar, aStar } = protocolTeacher(Rng.derived(SEED, p, k, 0), p, k, 1);
  const rng = Rng.derived(SEED, p, k, 1);
  const w = new Float64Array(p);
  const a = new Float64Array(k);
  rng.fillNormal(w);
  rng.fillNormal(a);
  for (let i = 0; i < p; i++) w[i] /= Math.sqrt(p);
  return { teacher: makeTeacher(wStar, aStar), w, a };
}

export const BATCH_SHAPE = { n: 1024, k: 64, p: 64 } as const;

export async function batchGradientEntry(budget: TimingBudget): Promise<BenchEntry> {
  const { n, k, p } = BATCH_SHAPE;
  const { teacher, w, a } = problem(p, k);
  const batch = gaussianBatch(Rng.derived(SEED, n, k, p), n, k, p);
  const gradW = new Float64Array(p);
  const gradA = new Float64Array(k);
  const scratch = newSampleModelScratch(p, k);
  let sink = 0;
  const ms = await medianMs('batch-gradient', () => {
    sink += batchLossAndGradient(teacher, batch, w, a, gradW, gradA, scratch);
  }, budget);
  if (!Number.isFinite(sink)) throw new Error('batch-gradient: non-finite loss');
  return { name: 'batch-gradient', params: { n, k, p }, unit: 'samples/s', value: n / (ms / 1000) };
}

export const REFERENCE_SHAPE = { k: 16, p: 16, digits: 40 } as const;

export async function referenceEvalEntry(budget: TimingBudget): Promise<BenchEntry> {
  const { k, p, digits } = REFERENCE_SHAPE;
  const { teacher, w, a } = problem(p, k);
  const input = { p, k, w, a, wStar: teacher.wStar, aStar: teacher.aStar };
  let sink = 0;
  const ms = await medianMs('reference-eval', () => {
    sink += referenceEvaluate(input, { digits }).loss.length;
  }, budget);
  if (sink === 0) throw new Error('reference-eval: no output');
  return { name: 'reference-eval', params: { k, p, digits }, unit: 'evaluations/s', value: 1000 / ms };
}

export const EVAL_SHAPE = { cases: 1000, k: 64, p: 64 } as const;

export async function evalEntry(budget: TimingBudget, cancelling = false): Promise<BenchEntry> {
  const { cases, k, p } = EVAL_SHAPE;
  // One teacher; every point its own student (w and a perturbed), so no two evaluations repeat.
  const { teacher, w, a } = problem(p, k);
  const rng = Rng.derived(SEED, cases, k, p);
  const points = Array.from({ length: cases }, () => {
    const wi = Array.from(w, (x) => x + 0.1 * rng.normal());
    const ai = cancelling ? Array.from(aFixedPointAt(teacher, wi), (x) => x + 1e-6 * rng.normal()) : Array.from(a, (x) => x + 0.1 * rng.normal());
    return { p, k, w: wi, a: ai, wStar: Array.from(teacher.wStar), aStar: Array.from(teacher.aStar) };
  });
  const text = JSON.stringify(points);
  const name = cancelling ? 'eval-cancelling' : 'eval';
  let sink = 0;
  const ms = await medianMs(name, () => {
    sink += JSON.stringify(runEval(JSON.parse(text), {})).length;
  }, budget);
  if (sink === 0) throw new Error(`${name}: no output`);
  return { name, params: { cases, k, p }, unit: 's', value: ms / 1000 };
}
