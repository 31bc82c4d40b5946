/**
 * rebuttal.trap-threshold (rebuttal l. 25–30; protocol P2 of THEORY.md §7): with w_0 = 0 and a large
 * step, "there exists a small constant ε > 0, such that when a_0ᵀa* < −ε, GD will be trapped in the
 * spurious optimum", and "if a_0ᵀa* > −ε, … converges to the global optimum"; "the constant ε
 * depends on w*".
 *
 * Our check, per teacher, GD with α = 1, β = 10 to T = 20000 ({@link ../experiments/p2-threshold.ts}):
 *
 * 1. along a* (P2 proper): the starts a_0(s) = s·a* / ‖a*‖² (a_0ᵀa* = s) over the ball's range
 *    s ∈ [−r‖a*‖, r‖a*‖]; every switch of the outcome in s is located
 *    ({@link ../search/threshold.ts}). The statement holds on the segment iff the outcome is
 *    spurious below one switch point s = −ε < 0 and global above it (or global throughout: then ε
 *    lies beyond the ball);
 * 2. off the a*-line: the statement says the outcome depends on a_0 through a_0ᵀa* alone (ε depends
 *    on w*, not on a_0). On the first teacher of each cell, the chords a_0(s) + c·q of the ball with
 *    c = ±r/2 and q the unit component of 1 orthogonal to a* (the direction coupled to a* by the
 *    11ᵀ term of ∇_a L) are scanned as well, and the statement is judged on all three lines'
 *    starts together: a start with a_0ᵀa* = s ending spurious while another with a_0ᵀa* = s' < s
 *    ends global leaves no ε.
 *
 * Any violation refutes the claim; the counterexample is the `train` spec of the start on the wrong
 * side. How ε (along a*) varies with ‖w*‖, k and β (the rebuttal calls it "hard to characterize")
 * goes in details, and how far the switch point moves off the a*-line.
 */
import {
  P2_DEFAULTS,
  p2Instance,
  p2Outcome,
  p2Scan,
  p2TrainSpec,
  type P2Instance,
  type P2Options,
  type P2Result,
} from '../experiments/p2-threshold.ts';
import { judgeSeparation, type Separation } from '../search/threshold.ts';
import type { Outcome } from '../optim/outcome.ts';
import { quantiles } from '../stats/quantile.ts';
import type { ClaimContext, ClaimResult, Counterexample, OtherClaim } from './claim.ts';
import { fmt } from './universal-runner.ts';

/** The instance grid: k = p and P1's teacher scale s (‖w*‖ ≈ s). */
const TRAP_K = [4, 16, 64];
const TRAP_SCALE = [0.5, 1, 2];
/** Offsets c / r of the chords off the a*-line (checked on the first teacher of each cell). */
const TRAP_OFFSETS = [-0.5, 0.5];
/**
 * β of the ε-against-β report (β = 10 is the claim's), on the first teacher of each cell with k in
 * TRAP_BETA_REPORT_K (k = 64 is left out: its scans cost ~4× those of k = 16).
 */
const TRAP_BETA_REPORT = [3, 30];
const TRAP_BETA_REPORT_K = [4, 16];
/** Brackets of switch points are at most this fraction of the line's half-length wide. */
const TRAP_RESOLUTION = 1e-4;
const TRAP_GRID = 41;

const ID = 'rebuttal.trap-threshold';
const FORMALIZATION_VERSION = 2;
const STATEMENT = { below: 'spurious', above: 'global', before: 0 } as const;

interface LineReport {
  /** c / r. */
  offsetFraction: number;
  switches: { below: string; above: string; lo: number; hi: number }[];
}

export interface InstanceReport {
  k: number;
  scale: number;
  index: number;
  beta: number;
  phi0: number;
  wStarNorm: number;
  aStarNorm: number;
  /** r‖a*‖. */
  sMax: number;
  /** The statement judged along a* (P2's segment). */
  alongKind: Separation<Outcome>['kind'];
  /** ε along a* with its bracket; null when there is no single right-order switch below 0. */
  epsilon: { value: number; lower: number; upper: number } | null;
  /** ε / ‖a*‖² (a_0 = −(ε/‖a*‖²)·a* at the threshold) and ε / (r‖a*‖) (fraction of the ball). */
  epsilonOverAStarNormSq: number | null;
  epsilonOverRange: number | null;
  /** The chords scanned (c = 0 first) and, when several, the statement judged on all of them. */
  lines: LineReport[];
  acrossKind: Separation<Outcome>['kind'] | null;
  /** (largest − smallest switch point over the lines) / (r‖a*‖), when every line switches once. */
  switchShiftOverRange: number | null;
  evaluations: number;
}

function lineReports(r: P2Result, inst: P2Instance): LineReport[] {
  return r.lines.map((l) => ({
    offsetFraction: l.offset / inst.radius,
    switches: l.scan.switches.map((w) => ({ below: w.below, above: w.above, lo: w.lo, hi: w.hi })),
  }));
}

function report(inst: P2Instance, beta: number, r: P2Result, along: Separation<Outcome>): InstanceReport {
  const eps =
    along.kind === 'separated' ? { value: -(along.lo + along.hi) / 2, lower: -along.hi, upper: -along.lo } : null;
  const points = r.lines.map((l) => (l.scan.switches.length === 1 ? l.scan.switches[0].point : NaN));
  const shift = r.lines.length > 1 && points.every(Number.isFinite) ? (Math.max(...points) - Math.min(...points)) / inst.sMax : null;
  return {
    k: inst.k,
    scale: inst.scale,
    index: inst.index,
    beta,
    phi0: inst.phi0,
    wStarNorm: inst.wStarNorm,
    aStarNorm: inst.aStarNorm,
    sMax: inst.sMax,
    alongKind: along.kind,
    epsilon: eps,
    epsilonOverAStarNormSq: eps === null ? null : eps.value / (inst.aStarNorm * inst.aStarNorm),
    epsilonOverRange: eps === null ? null : eps.value / inst.sMax,
    lines: lineReports(r, inst),
    acrossKind: r.lines.length > 1 ? r.separation.kind : null,
    switchShiftOverRange: shift,
    evaluations: r.lines.reduce((n, l) => n + l.scan.evaluations, 0),
  };
}

/** "median ε/‖a*‖² (n with a switch, m global throughout)" of a group of reports. */
function summarize(rows: readonly InstanceReport[]): string {
  const eps = rows.flatMap((r) => (r.epsilonOverAStarNormSq === null ? [] : [r.epsilonOverAStarNormSq]));
  const none = rows.filter((r) => r.alongKind === 'no-switch').length;
  const median = eps.length === 0 ? '–' : fmt(quantiles(eps, [0.5])[0], 2);
  return `${median} (${eps.length} switch, ${none} none)`;
}

function options(beta: number): P2Options {
  return { ...P2_DEFAULTS, beta, gridPoints: TRAP_GRID, resolution: { kind: 'relative', value: TRAP_RESOLUTION } };
}

/**
 * The counterexample of a violation judged on the lines of `r`: the start on the wrong side. When the
 * witness (spurious at a_0ᵀa* = s) contradicts a global start on another line at s' < s, the pair at
 * the midpoint (s + s')/2 is tried first: two starts with the same a_0ᵀa* and different outcomes.
 */
function counterexampleOf(
  inst: P2Instance,
  o: P2Options,
  r: P2Result,
  sep: Extract<Separation<Outcome>, { kind: 'violated' }>,
  seed: number,
): Counterexample {
  const where = (c: number): string => (c === 0 ? 'on the a*-line' : `at offset ${fmt(c / inst.radius, 2)}·r·q off the a*-line`);
  const c = r.lines[sep.witnessScan].offset;
  const base = { seed, k: inst.k, scale: inst.scale, index: inst.index };
  const record = (s: number, cc: number, violated: string, hypothesis: Record<string, unknown>): Counterexample => ({
    claim: ID,
    formalizationVersion: FORMALIZATION_VERSION,
    input: p2TrainSpec(inst, s, o, cc),
    hypothesis: { ...base, ...hypothesis },
    violated,
    margin: sep.margin,
  });
  if (sep.against === null) {
    return record(sep.witness, c, `no ε > 0 separates the outcomes: ${sep.reason}`, { s: sep.witness, c, outcome: sep.witnessOutcome });
  }
  const cGlobal = r.lines[sep.against.scan].offset;
  const mid = (sep.witness + sep.against.x) / 2;
  if (cGlobal !== c && p2Outcome(inst, mid, o, c) === 'spurious' && p2Outcome(inst, mid, o, cGlobal) === 'global') {
    return record(
      mid,
      c,
      `the outcome is not a function of a_0ᵀa*: two starts in the ball with a_0ᵀa* = ${fmt(mid, 6)} end spurious ${where(c)} and global ${where(cGlobal)}`,
      { s: mid, c, outcome: 'spurious', against: { s: mid, c: cGlobal, outcome: 'global' } },
    );
  }
  return record(
    sep.witness,
    c,
    `no ε > 0 separates the outcomes by a_0ᵀa*: a_0ᵀa* = ${fmt(sep.witness, 6)} ${where(c)} ends ${sep.witnessOutcome}, a_0ᵀa* = ${fmt(sep.against.x, 6)} ${where(cGlobal)} ends global`,
    { s: sep.witness, c, outcome: sep.witnessOutcome, against: { s: sep.against.x, c: cGlobal, outcome: 'global' } },
  );
}

export const rebuttalTrapThreshold: OtherClaim = {
  id: ID,
  kind: 'estimate',
  title: 'A threshold ε > 0 on a_0ᵀa* separates the spurious and the global outcome (w_0 = 0, large step)',
  statement:
    'w_0 = 0, α = 1, β = 10, a_0 in the ball B(0, |1ᵀa*|/√k): there is ε > 0 (depending on the teacher only) with a_0ᵀa* < −ε ⇒ GD ends spurious and a_0ᵀa* > −ε ⇒ GD ends global; checked along a* (P2: a_0 = s·a* / ‖a*‖², one switch spurious→global at s = −ε < 0) and on chords of the ball off the a*-line; ε is estimated against ‖w*‖, k and β',
  source: {
    lines: 'rebuttal l. 25–30',
    quoted: [
      '"Larger step size with w = 0: There exists a small constant ε > 0, such that when a_0ᵀa* < −ε, GD will be trapped in the spurious optimum" (l. 25)',
      '"if a_0ᵀa* > −ε, a_tᵀa* becomes positive in a few iterations, and φ < π/2 still holds. GD stays in R1, and converges to the global optimum" (l. 28–29)',
      '"the constant ε depends on w* and is hard to characterize" (l. 30)',
    ],
    ours: [
      '"larger step size": α = 1, β = 10 (P2); horizon T = 20000 with early stop at L ≤ 1e-12; outcomes classified as in THEORY.md §7',
      'a_0 ranges over the ball B(0, |1ᵀa*|/√k) (radius as in Du et al. 2018): P2\'s segment along a*, and on the first teacher per cell the chords a_0 = s·a* / ‖a*‖² ± (r/2)·q, q the unit component of 1 orthogonal to a*',
      `teachers: P1's (a* ~ N(0, I_k), w* = s·ξ/√p, p = k) with the shortcut prior φ_0 < π/2, k ∈ {${TRAP_K.join(', ')}}, s ∈ {${TRAP_SCALE.join(', ')}}; budget.runs teachers per cell`,
      `switches located on a grid of ${TRAP_GRID} points per line and bisected to ${TRAP_RESOLUTION} of the line's half-length; switches closer than a grid cell with equal outcomes at its ends are not seen`,
      '"small" is not formalized: ε is reported, also as a fraction of r‖a*‖',
      'global on the whole range counts as consistent (ε > r‖a*‖: no start of the ball is trapped)',
    ],
  },
  formalizationVersion: FORMALIZATION_VERSION,
  expected: 'refuted',
  budgets: {
    dev: { runs: 1, timeMs: 120_000 },
    ci: { runs: 2, timeMs: 120_000 },
    nightly: { runs: 8, timeMs: 1_800_000 },
    soak: { runs: 40, timeMs: 7_200_000 },
  },
  run(ctx: ClaimContext): ClaimResult {
    const rows: InstanceReport[] = [];
    const betaRows: InstanceReport[] = [];
    let alongViolation: Counterexample | undefined;
    let acrossViolation: Counterexample | undefined;
    let unresolved = 0;
    let evaluations = 0;
    const start = performance.now();
    let interrupted = false;
    for (const k of TRAP_K) {
      for (const scale of TRAP_SCALE) {
        for (let index = 0; index < ctx.budget.runs; index++) {
          if (performance.now() - start > ctx.budget.timeMs) {
            interrupted = true;
            break;
          }
          const inst = p2Instance(ctx.seed, k, scale, index);
          const o = options(P2_DEFAULTS.beta);
          const result = p2Scan(inst, o, index === 0 ? [0, ...TRAP_OFFSETS] : [0]);
          const along = judgeSeparation<Outcome>([result.lines[0].scan], STATEMENT);
          const row = report(inst, o.beta, result, along);
          rows.push(row);
          evaluations += row.evaluations;
          if (along.kind === 'unresolved' || result.separation.kind === 'unresolved') unresolved++;
          if (along.kind === 'violated') alongViolation ??= counterexampleOf(inst, o, result, along, ctx.seed);
          if (result.separation.kind === 'violated') acrossViolation ??= counterexampleOf(inst, o, result, result.separation, ctx.seed);
          if (index === 0 && TRAP_BETA_REPORT_K.includes(k)) {
            for (const beta of TRAP_BETA_REPORT) {
              const rb = p2Scan(inst, options(beta));
              const rowB = report(inst, beta, rb, rb.separation);
              betaRows.push(rowB);
              evaluations += rowB.evaluations;
            }
          }
        }
      }
    }
    const switched = rows.filter((r) => r.alongKind === 'separated');
    const fractions = switched.map((r) => r.epsilonOverRange as number);
    const fractionRange = fractions.length === 0 ? '–' : `${fmt(Math.min(...fractions), 2)}–${fmt(Math.max(...fractions), 2)}`;
    const byScale = TRAP_SCALE.map((s) => `s=${s}: ${summarize(rows.filter((r) => r.scale === s))}`).join(', ');
    const byK = TRAP_K.map((k) => `k=${k}: ${summarize(rows.filter((r) => r.k === k))}`).join(', ');
    const byBeta = [...TRAP_BETA_REPORT, P2_DEFAULTS.beta]
      .sort((x, y) => x - y)
      .map(
        (b) =>
          `β=${b}: ${summarize(b === P2_DEFAULTS.beta ? rows.filter((r) => r.index === 0 && TRAP_BETA_REPORT_K.includes(r.k)) : betaRows.filter((r) => r.beta === b))}`,
      )
      .join(', ');
    const offLine = rows.filter((r) => r.acrossKind !== null);
    const shifts = offLine.flatMap((r) => (r.switchShiftOverRange === null ? [] : [r.switchShiftOverRange]));
    const offLineViolated = offLine.filter((r) => r.acrossKind === 'violated').length;
    const details = {
      seed: ctx.seed,
      grid: {
        k: TRAP_K,
        scale: TRAP_SCALE,
        teachersPerCell: ctx.budget.runs,
        offsetFractions: TRAP_OFFSETS,
        betaReport: TRAP_BETA_REPORT,
        betaReportK: TRAP_BETA_REPORT_K,
        gridPoints: TRAP_GRID,
        resolutionOfHalfLength: TRAP_RESOLUTION,
      },
      instances: rows,
      betaReport: betaRows,
      medianEpsilonOverAStarNormSq: { byScale, byK, byBeta },
      interrupted,
    };
    const what = `${rows.length} teachers (k ∈ {${TRAP_K.join(',')}}, s ∈ {${TRAP_SCALE.join(',')}}, β = 10, T = ${P2_DEFAULTS.steps})`;
    const alongSummary = `along a* (P2): ${switched.length} switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) ${fractionRange}), ${rows.filter((r) => r.alongKind === 'no-switch').length} global throughout, ${rows.filter((r) => r.alongKind === 'violated').length} violate`;
    const offSummary = `off the a*-line (c = ±r/2 along 1 ⟂ a*, ${offLine.length} teachers): ${offLineViolated} violate${shifts.length === 0 ? '' : `, switch point moves by up to ${fmt(Math.max(...shifts), 2)}·r‖a*‖`}`;
    const trend = `median ε/‖a*‖² along a* by ‖w*‖-scale ${byScale}; by β ${byBeta}`;
    const counterexample = alongViolation ?? acrossViolation;
    if (counterexample !== undefined) {
      return {
        verdict: 'refuted',
        evidence: `${counterexample.violated}; ${what}: ${alongSummary}; ${offSummary}; ${trend}`,
        runs: evaluations,
        details,
        counterexample,
      };
    }
    if (interrupted || unresolved > 0) {
      return {
        verdict: 'inconclusive',
        evidence: `${what}: ${interrupted ? `time budget of ${ctx.budget.timeMs} ms ran out; ` : ''}${unresolved} switch brackets straddle 0; ${alongSummary}; ${offSummary}`,
        runs: evaluations,
        details,
      };
    }
    return { verdict: 'holds', evidence: `${what}: ${alongSummary}; ${offSummary}; ${trend}`, runs: evaluations, details };
  },
};
