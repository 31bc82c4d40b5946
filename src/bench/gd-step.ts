/**
 * The gd-step benchmark: closed-form GD steps (THEORY.md §2, §7) at k = p = n, timed as runs of
 * S(n) steps of {@link gradientDescent}, beside the C baseline of the same arithmetic
 * (./c-baseline.ts, bench/gd_step.c) on the same problem; and the scaling of the time per step
 * with k + p (fitted to the same fastest-call rates).
 *
 * Two regimes, because ../optim/descent.ts runs two kinds of step:
 * - `gd-step`: the bulk of a run — a P1 teacher (s = 1) and start (w_0 = 0, a_0 uniform in the
 *   ball) with α = 1e-4, β = 1, so that the S(n) steps stay far from φ = 0, φ = π and aᵀa* = 0:
 *   every step is the plain step of ../model/plain-descent-step.ts;
 * - `gd-step-tail`: the converging tail — the same teacher, started at w* + 1e-7‖e + w*‖·ξ/‖ξ‖ and
 *   a* + 1e-7·ξ', so that φ stays near 1e-7: every step is the cancellation-free kernel of
 *   ../model/population-loss.ts (no C baseline: bench/gd_step.c has the plain step's arithmetic).
 * No loss target (−∞): every call performs exactly S(n) updates.
 */
import { PLAIN_MIN_ANGLE } from '../model/plain-descent-step.ts';
import { makeTeacher } from '../model/teacher.ts';
import type { DescentSpec } from '../optim/descent.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import { Rng } from '../random/rng.ts';
import { fitLine } from '../stats/line-fit.ts';
import { ballRadius, protocolTeacher, uniformInBall } from '../theory/initialization.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';
import type { BenchEntry } from './bench-entry.ts';
import type { CBaseline } from './c-baseline.ts';
import { latency, type TimingBudget } from './timing.ts';

const SEED = 2019;

/** Steps per timed call: about 2·10⁵ vector entries of work, at least 16 steps. */
export function stepsPerCall(n: number): number {
  return Math.max(16, Math.round(2e5 / n));
}

/** The benchmark problem at k = p = n, in the bulk of a run or in its converging tail (module comment). */
export function gdStepProblem(n: number, regime: 'bulk' | 'tail' = 'bulk'): DescentSpec {
  const { wStar, aStar } = protocolTeacher(Rng.derived(SEED, n, 0), n, n, 1);
  const teacher = makeTeacher(wStar, aStar);
  const { etaA, etaW } = protocolStepSizes(n, 1e-4, 1);
  const common = { teacher, etaA, etaW, steps: stepsPerCall(n), lossTarget: -Infinity };
  if (regime === 'bulk') {
    return { ...common, w0: new Float64Array(n), a0: uniformInBall(Rng.derived(SEED, n, 1), n, ballRadius(teacher.aStarSum, n)) };
  }
  const rng = Rng.derived(SEED, n, 2);
  const xi = rng.fillNormal(new Float64Array(n));
  const size = (1e-7 * teacher.normUStar) / Math.hypot(...xi);
  const w0 = wStar.map((x, i) => x + size * xi[i]);
  const a0 = aStar.map((x) => x + 1e-7 * rng.normal());
  return { ...common, w0, a0 };
}

export interface GdStepMeasurement {
  readonly n: number;
  readonly stepsPerSecond: number;
  /** The converging tail's rate (module comment). */
  readonly tailStepsPerSecond: number;
  readonly c?: { readonly stepsPerSecond: number; readonly lossAgreement: number };
}

/** Rounds of a measurement: JavaScript and C alternate, so that both see the same machine load. */
const ROUNDS = 3;

/**
 * Times the JavaScript kernel (and the C baseline, if given) at k = p = n: {@link ROUNDS} rounds,
 * each a tinybench run of the JavaScript kernel (the budget split over the rounds) followed by the
 * C program; each side reports its fastest call (the minimum time, the closest to the uncontended
 * speed when the machine is shared).
 */
export async function measureGdStep(n: number, budget: TimingBudget, c: CBaseline | undefined): Promise<GdStepMeasurement> {
  const spec = gdStepProblem(n);
  let last = gradientDescent(spec);
  if (last.steps !== spec.steps) throw new Error(`gd-step: the benchmark run stopped after ${last.steps} of ${spec.steps} steps`);
  const roundBudget = { timeMs: budget.timeMs / ROUNDS, warmupMs: budget.warmupMs };
  let stepsPerSecond = 0;
  let cRate = 0;
  let cLoss = NaN;
  for (let round = 0; round < ROUNDS; round++) {
    const time = await latency(`gd-step n=${n}`, () => {
      last = gradientDescent(spec);
    }, roundBudget);
    stepsPerSecond = Math.max(stepsPerSecond, spec.steps / (time.minMs / 1000));
    if (c !== undefined) {
      const run = c.run(spec, Math.max(5, Math.round(roundBudget.timeMs / time.medianMs)));
      cRate = Math.max(cRate, run.bestStepsPerSecond);
      cLoss = run.loss;
    }
  }
  const tail = gdStepProblem(n, 'tail');
  const tailRun = gradientDescent(tail);
  if (tailRun.steps !== tail.steps || !(tailRun.phi < PLAIN_MIN_ANGLE)) {
    throw new Error(`gd-step: the tail run left the tail (${tailRun.steps} of ${tail.steps} steps, φ = ${tailRun.phi})`);
  }
  const tailTime = await latency(`gd-step-tail n=${n}`, () => {
    gradientDescent(tail);
  }, budget);
  const tailStepsPerSecond = tail.steps / (tailTime.minMs / 1000);
  if (c === undefined) return { n, stepsPerSecond, tailStepsPerSecond };
  // The two runs differ only through libm's and V8's last bits in atan2/sin/cos.
  const lossAgreement = Math.abs(cLoss - last.loss) / Math.abs(last.loss);
  return { n, stepsPerSecond, tailStepsPerSecond, c: { stepsPerSecond: cRate, lossAgreement } };
}

/** The entries of the measurements: rates, C rates and ratios, and the scaling fits. */
export function gdStepEntries(measurements: readonly GdStepMeasurement[], compiler: string | undefined): BenchEntry[] {
  const entries: BenchEntry[] = [];
  for (const m of measurements) {
    const params = { k: m.n, p: m.n };
    entries.push({ name: 'gd-step', params: { ...params, impl: 'js' }, unit: 'steps/s', value: m.stepsPerSecond });
    entries.push({ name: 'gd-step-tail', params: { ...params, impl: 'js' }, unit: 'steps/s', value: m.tailStepsPerSecond });
    if (m.c !== undefined) {
      entries.push({ name: 'gd-step', params: { ...params, impl: 'c', compiler: compiler ?? 'gcc' }, unit: 'steps/s', value: m.c.stepsPerSecond });
      entries.push({ name: 'gd-step-ratio', params: { ...params, of: 'js/c' }, unit: 'ratio', value: m.stepsPerSecond / m.c.stepsPerSecond });
    }
  }
  if (measurements.length >= 3) {
    // Time per step t(n) against k + p = 2n: t = c₀ + c₁(k + p), and the log–log exponent.
    const x = measurements.map((m) => 2 * m.n);
    const t = measurements.map((m) => 1e9 / m.stepsPerSecond);
    const linear = fitLine(x, t);
    const sizes = measurements.map((m) => m.n).join(',');
    entries.push({ name: 'gd-step-scaling', params: { fit: 't = c0 + c1·(k+p)', k: sizes, coefficient: 'c1' }, unit: 'ns per unit of k+p', value: linear.slope });
    entries.push({ name: 'gd-step-scaling', params: { fit: 't = c0 + c1·(k+p)', k: sizes, coefficient: 'c0' }, unit: 'ns', value: linear.intercept });
    const logLog = fitLine(x.map(Math.log), t.map(Math.log));
    entries.push({ name: 'gd-step-scaling', params: { fit: 'log t = c + d·log(k+p)', k: sizes, coefficient: 'd' }, unit: 'exponent', value: logLog.slope });
  }
  return entries;
}
