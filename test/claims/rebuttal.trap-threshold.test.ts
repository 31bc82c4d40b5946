/**
 * rebuttal.trap-threshold (src/claims/rebuttal.trap-threshold.ts) on synthetic GD outcomes: the P2
 * teachers are the real ones (p2Instance, cheap), but GD's outcome from a start a_0(s, c) is a
 * given function of u = s / (r‖a*‖), the offset fraction c / r and β, and p2Scan runs the real
 * switch search (locateSwitches, judgeSeparation) on it. This drives every decision: a single
 * switch below 0 on every line (holds), global throughout, a switch at or above 0, the wrong
 * order, an outcome that is neither, lines that switch at different a_0ᵀa* (refuted, with each
 * form of counterexample), a bracket that straddles 0 and a time budget that runs out
 * (inconclusive); and the evidence line, details, runs and counterexamples.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimContext } from '../../src/claims/claim.ts';
import { type InstanceReport as Row, rebuttalTrapThreshold } from '../../src/claims/rebuttal.trap-threshold.ts';
import { fmt } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';
import { P2_DEFAULTS, p2Instance, p2TrainSpec, type P2Instance, type P2Options, type P2Result } from '../../src/experiments/p2-threshold.ts';
import type { Outcome } from '../../src/optim/outcome.ts';
import { judgeSeparation, locateSwitches, type Resolution } from '../../src/search/threshold.ts';
import { quantiles } from '../../src/stats/quantile.ts';

type OutcomeFn = (inst: P2Instance, u: number, fraction: number, beta: number) => Outcome;

/** Spurious below u = θ (a fraction of r‖a*‖), global above, with θ per β. */
const THETA: Record<number, number> = { 3: -0.11, 10: -0.26, 30: -0.41 };
const standard: OutcomeFn = (_inst, u, _f, beta) => (u < THETA[beta] ? 'spurious' : 'global');

const h = vi.hoisted(() => ({
  outcome: null as unknown as OutcomeFn,
  /** GD at a single start (p2Outcome, the midpoint check): defaults to `outcome`. */
  direct: null as OutcomeFn | null,
  scanCalls: [] as { k: number; scale: number; index: number; o: P2Options; fractions: number[] }[],
  directCalls: [] as { s: number; c: number }[],
  clock: 0,
  tick: 0,
}));

vi.mock('../../src/experiments/p2-threshold.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/experiments/p2-threshold.ts')>();
  const th = await import('../../src/search/threshold.ts');
  return {
    ...mod,
    p2Scan: (inst: P2Instance, o: P2Options = mod.P2_DEFAULTS, fractions: readonly number[] = [0]): P2Result => {
      h.scanCalls.push({ k: inst.k, scale: inst.scale, index: inst.index, o, fractions: [...fractions] });
      h.clock += h.tick;
      const lines = fractions.map((f) => {
        const c = f * inst.radius;
        const half = inst.aStarNorm * Math.sqrt(inst.radius * inst.radius - c * c);
        const resolution: Resolution = o.resolution.kind === 'relative' ? { kind: 'absolute', value: o.resolution.value * half } : o.resolution;
        const scan = th.locateSwitches((s) => h.outcome(inst, s / inst.sMax, f, o.beta), { lo: -half, hi: half, gridPoints: o.gridPoints, resolution });
        return { offset: c, scan };
      });
      const separation = th.judgeSeparation<Outcome>(lines.map((l) => l.scan), { below: 'spurious', above: 'global', before: 0 });
      return { lines, separation, epsilon: null };
    },
    p2Outcome: (inst: P2Instance, s: number, o: P2Options, c = 0): Outcome => {
      h.directCalls.push({ s, c });
      return (h.direct ?? h.outcome)(inst, s / inst.sMax, c / inst.radius, o.beta);
    },
  };
});

const PROFILE = resolveProfile({ profile: 'ci' });
const K = [4, 16, 64];
const SCALE = [0.5, 1, 2];

function ctx(runs: number, timeMs = 1e9, seed = 31): ClaimContext {
  return { profile: PROFILE, seed, budget: { runs, timeMs } };
}

function options(beta: number): P2Options {
  return { ...P2_DEFAULTS, beta, gridPoints: 41, resolution: { kind: 'relative', value: 1e-4 } };
}

interface Details {
  seed: number;
  grid: Record<string, unknown>;
  instances: Row[];
  betaReport: Row[];
  medianEpsilonOverAStarNormSq: { byScale: string; byK: string; byBeta: string };
  interrupted: boolean;
}

function summarize(rows: readonly Row[]): string {
  const eps = rows.flatMap((r) => (r.epsilonOverAStarNormSq === null ? [] : [r.epsilonOverAStarNormSq]));
  const none = rows.filter((r) => r.alongKind === 'no-switch').length;
  return `${eps.length === 0 ? '–' : fmt(quantiles(eps, [0.5])[0], 2)} (${eps.length} switch, ${none} none)`;
}

let nowSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  h.outcome = standard;
  h.direct = null;
  h.scanCalls = [];
  h.directCalls = [];
  h.clock = 0;
  h.tick = 0;
  nowSpy = vi.spyOn(performance, 'now').mockImplementation(() => h.clock);
});
afterEach(() => {
  nowSpy.mockRestore();
});

describe('rebuttal.trap-threshold: the scans', () => {
  it('should scan every cell\'s teachers along a*, the chords ±r/2 on the first teacher, and β ∈ {3, 30} on the first teacher of k ∈ {4, 16}', () => {
    rebuttalTrapThreshold.run(ctx(2));
    const expected: { k: number; scale: number; index: number; o: P2Options; fractions: number[] }[] = [];
    for (const k of K) {
      for (const scale of SCALE) {
        for (const index of [0, 1]) {
          expected.push({ k, scale, index, o: options(10), fractions: index === 0 ? [0, -0.5, 0.5] : [0] });
          if (index === 0 && k !== 64) for (const beta of [3, 30]) expected.push({ k, scale, index, o: options(beta), fractions: [0] });
        }
      }
    }
    expect(h.scanCalls).toEqual(expected);
    expect(h.directCalls).toEqual([]);
  });
});

describe('rebuttal.trap-threshold: holds', () => {
  it('should hold when every line switches once spurious→global below 0, with the full evidence and the ε estimates', () => {
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 33));
    expect(r.verdict).toBe('holds');
    expect(r.counterexample).toBeUndefined();
    const d = r.details as unknown as Details;
    expect(d.seed).toBe(33);
    expect(d.interrupted).toBe(false);
    expect(d.grid).toEqual({ k: K, scale: SCALE, teachersPerCell: 1, offsetFractions: [-0.5, 0.5], betaReport: [3, 30], betaReportK: [4, 16], gridPoints: 41, resolutionOfHalfLength: 1e-4 });
    expect(d.instances.length).toBe(9);
    expect(d.betaReport.length).toBe(12);
    let evaluations = 0;
    for (const row of [...d.instances, ...d.betaReport]) {
      const inst = p2Instance(33, row.k, row.scale, row.index);
      expect(row).toEqual(expect.objectContaining({ phi0: inst.phi0, wStarNorm: inst.wStarNorm, aStarNorm: inst.aStarNorm, sMax: inst.sMax, alongKind: 'separated' }));
      const eps = row.epsilon;
      expect(eps).not.toBeNull();
      if (eps === null) continue;
      const theta = -THETA[row.beta] * inst.sMax;
      expect(eps.lower).toBeLessThan(theta);
      expect(eps.upper).toBeGreaterThan(theta);
      expect(eps.upper - eps.lower).toBeLessThanOrEqual(1e-4 * inst.sMax);
      expect(eps.upper - eps.lower).toBeGreaterThan(0);
      expect(eps.value).toBe((eps.lower + eps.upper) / 2);
      // the line's switch bracket, mirrored
      expect(row.lines[0].switches).toEqual([{ below: 'spurious', above: 'global', lo: -eps.upper, hi: -eps.lower }]);
      expect(row.epsilonOverAStarNormSq).toBe(eps.value / (inst.aStarNorm * inst.aStarNorm));
      expect(row.epsilonOverRange).toBe(eps.value / inst.sMax);
      evaluations += row.evaluations;
    }
    expect(r.runs).toBe(evaluations);
    // Rows of the first teachers: three lines, the statement judged on all, one switch each.
    for (const row of d.instances) {
      expect(row.beta).toBe(10);
      expect(row.lines.map((l) => l.offsetFraction)).toEqual([0, -0.5, 0.5]);
      expect(row.acrossKind).toBe('separated');
      expect(row.switchShiftOverRange).not.toBeNull();
      expect(row.switchShiftOverRange as number).toBeGreaterThanOrEqual(0);
      expect(row.switchShiftOverRange as number).toBeLessThan(2e-4);
      expect(row.evaluations).toBeGreaterThan(3 * 41);
    }
    for (const row of d.betaReport) {
      expect(row.lines.length).toBe(1);
      expect(row.acrossKind).toBeNull();
      expect(row.switchShiftOverRange).toBeNull();
      expect(row.evaluations).toBeGreaterThan(41);
      expect(row.evaluations).toBeLessThan(41 + 30);
    }
    expect(d.betaReport.map((x) => [x.k, x.scale, x.beta])).toEqual([4, 16].flatMap((k) => SCALE.flatMap((s) => [[k, s, 3], [k, s, 30]])));
    const fractions = d.instances.map((x) => x.epsilonOverRange as number);
    const shifts = d.instances.map((x) => x.switchShiftOverRange as number);
    const byScale = SCALE.map((s) => `s=${s}: ${summarize(d.instances.filter((x) => x.scale === s))}`).join(', ');
    const byK = K.map((k) => `k=${k}: ${summarize(d.instances.filter((x) => x.k === k))}`).join(', ');
    const first = d.instances.filter((x) => x.k !== 64);
    const byBeta = `β=3: ${summarize(d.betaReport.filter((x) => x.beta === 3))}, β=10: ${summarize(first)}, β=30: ${summarize(d.betaReport.filter((x) => x.beta === 30))}`;
    expect(d.medianEpsilonOverAStarNormSq).toEqual({ byScale, byK, byBeta });
    expect(byBeta).toMatch(/^β=3: \S+ \(6 switch, 0 none\), β=10: \S+ \(6 switch, 0 none\), β=30: \S+ \(6 switch, 0 none\)$/);
    expect(fmt(Math.min(...fractions), 2)).toBe('0.26');
    expect(r.evidence).toBe(
      `9 teachers (k ∈ {4,16,64}, s ∈ {0.5,1,2}, β = 10, T = 20000): along a* (P2): 9 switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) ${fmt(Math.min(...fractions), 2)}–${fmt(Math.max(...fractions), 2)}), 0 global throughout, 0 violate; ` +
        `off the a*-line (c = ±r/2 along 1 ⟂ a*, 9 teachers): 0 violate, switch point moves by up to ${fmt(Math.max(...shifts), 2)}·r‖a*‖; ` +
        `median ε/‖a*‖² along a* by ‖w*‖-scale ${byScale}; by β ${byBeta}`,
    );
  });

  it('should report the range of ε/(r‖a*‖) from the smallest to the largest', () => {
    const theta: Record<number, number> = { 4: -0.2, 16: -0.3, 64: -0.4 };
    h.outcome = (inst, u) => (u < theta[inst.k] ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toContain(': along a* (P2): 9 switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) 0.2–0.4), 0 global throughout, 0 violate; ');
  });

  it('should count teachers global throughout as consistent, and report "–" without switches', () => {
    h.outcome = () => 'global';
    const r = rebuttalTrapThreshold.run(ctx(2));
    expect(r.verdict).toBe('holds');
    const d = r.details as unknown as Details;
    for (const row of d.instances) {
      expect(row.alongKind).toBe('no-switch');
      expect(row.epsilon).toBeNull();
      expect(row.epsilonOverAStarNormSq).toBeNull();
      expect(row.epsilonOverRange).toBeNull();
    }
    expect(d.instances.filter((x) => x.index === 0).every((x) => x.acrossKind === 'no-switch' && x.switchShiftOverRange === null)).toBe(true);
    expect(d.instances.filter((x) => x.index === 1).every((x) => x.acrossKind === null)).toBe(true);
    expect(r.evidence).toBe(
      '18 teachers (k ∈ {4,16,64}, s ∈ {0.5,1,2}, β = 10, T = 20000): along a* (P2): 0 switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) –), 18 global throughout, 0 violate; ' +
        'off the a*-line (c = ±r/2 along 1 ⟂ a*, 9 teachers): 0 violate; ' +
        'median ε/‖a*‖² along a* by ‖w*‖-scale s=0.5: – (0 switch, 6 none), s=1: – (0 switch, 6 none), s=2: – (0 switch, 6 none); by β β=3: – (0 switch, 6 none), β=10: – (0 switch, 6 none), β=30: – (0 switch, 6 none)',
    );
  });

  it('should report the shift of the switch point only over lines that switch exactly once', () => {
    // Line −r/2 switches twice (spurious, global, spurious, global) below the others' switch: a violation across lines.
    h.outcome = (_i, u, f) => (f === -0.5 ? (u < -0.6 || (u > -0.5 && u < -0.4) ? 'spurious' : 'global') : u < -0.26 ? 'spurious' : 'global');
    const d = rebuttalTrapThreshold.run(ctx(1)).details as unknown as Details;
    for (const row of d.instances) {
      expect(row.lines[1].switches.length).toBe(3);
      expect(row.switchShiftOverRange).toBeNull();
      expect(row.acrossKind).toBe('violated');
    }
  });
});

describe('rebuttal.trap-threshold: refuted', () => {
  it('should refute by a spurious start at a_0ᵀa* ≥ 0 along a*, with that start as the counterexample', () => {
    h.outcome = (inst, u) => (inst.k === 16 && inst.scale === 1 ? (u < 0.1 ? 'spurious' : 'global') : u < -0.26 ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 35));
    expect(r.verdict).toBe('refuted');
    const d = r.details as unknown as Details;
    const row = d.instances.find((x) => x.k === 16 && x.scale === 1) as Row;
    expect(row.alongKind).toBe('violated');
    expect(row.acrossKind).toBe('violated');
    expect(row.epsilon).toBeNull();
    expect(row.epsilonOverRange).toBeNull();
    const inst = p2Instance(35, 16, 1, 0);
    const witness = row.lines[0].switches[0].lo;
    const sep = judgeSeparation<Outcome>([locateSwitches((s) => (s / inst.sMax < 0.1 ? 'spurious' : 'global'), { lo: -inst.sMax, hi: inst.sMax, gridPoints: 41, resolution: { kind: 'absolute', value: 1e-4 * inst.sMax } })], { below: 'spurious', above: 'global', before: 0 });
    expect(sep.kind).toBe('violated');
    if (sep.kind !== 'violated') return;
    expect(sep.witness).toBe(witness);
    const c = r.counterexample;
    expect(c).toEqual({
      claim: 'rebuttal.trap-threshold',
      formalizationVersion: 2,
      input: p2TrainSpec(inst, witness, options(10), 0),
      hypothesis: { seed: 35, k: 16, scale: 1, index: 0, s: witness, c: 0, outcome: 'spurious' },
      violated: `no ε > 0 separates the outcomes: ${sep.reason}`,
      margin: sep.margin,
    });
    expect(r.evidence).toBe(
      `${c?.violated}; 9 teachers (k ∈ {4,16,64}, s ∈ {0.5,1,2}, β = 10, T = 20000): along a* (P2): 8 switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) 0.26–0.26), 0 global throughout, 1 violate; off the a*-line (c = ±r/2 along 1 ⟂ a*, 9 teachers): 1 violate, switch point moves by up to ${fmt(Math.max(...d.instances.map((x) => x.switchShiftOverRange as number)), 2)}·r‖a*‖; median ε/‖a*‖² along a* by ‖w*‖-scale ${d.medianEpsilonOverAStarNormSq.byScale}; by β ${d.medianEpsilonOverAStarNormSq.byBeta}`,
    );
    expect(d.medianEpsilonOverAStarNormSq.byK).toMatch(/^k=4: \S+ \(3 switch, 0 none\), k=16: \S+ \(2 switch, 0 none\), k=64: \S+ \(3 switch, 0 none\)$/);
    expect(r.runs).toBe([...d.instances, ...d.betaReport].reduce((n, x) => n + x.evaluations, 0));
    expect(h.directCalls).toEqual([]);
  });

  it('should refute by an outcome that is neither spurious nor global, keeping the first violation along a*', () => {
    h.outcome = (inst, u) => (inst.k === 64 && u > 0.5 ? 'undecided' : inst.k === 16 && inst.scale === 2 && u > 0.7 ? 'diverged' : u < -0.26 ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 35));
    expect(r.verdict).toBe('refuted');
    const c = r.counterexample;
    expect(c?.hypothesis).toEqual(expect.objectContaining({ k: 16, scale: 2, index: 0, c: 0, outcome: 'diverged' }));
    expect(c?.violated).toMatch(/^no ε > 0 separates the outcomes: outcome diverged at x = \S+ is neither spurious nor global$/);
    expect(c?.margin).toBeLessThan(0);
    expect(r.evidence).toMatch(/, 0 global throughout, 4 violate; off the a\*-line \(c = ±r\/2 along 1 ⟂ a\*, 9 teachers\): 4 violate, switch point moves by up to /);
  });

  it('should refute by the wrong order on one line without extra GD runs, naming both starts', () => {
    // k = 4, s = 0.5: global below −0.3, spurious in (−0.3, −0.1), global above.
    h.outcome = (inst, u) => (inst.k === 4 && inst.scale === 0.5 ? (u > -0.3 && u < -0.1 ? 'spurious' : 'global') : u < -0.26 ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 37));
    expect(r.verdict).toBe('refuted');
    expect(h.directCalls).toEqual([]);
    const row = (r.details as unknown as Details).instances[0];
    expect([row.k, row.scale, row.alongKind]).toEqual([4, 0.5, 'violated']);
    const [first, second] = row.lines[0].switches;
    const inst = p2Instance(37, 4, 0.5, 0);
    const witness = second.lo;
    expect(first.below).toBe('global');
    const half = inst.aStarNorm * Math.sqrt(inst.radius * inst.radius);
    const against = -half; // the smallest global point: the line's first
    const c = r.counterexample;
    expect(c?.input).toEqual(p2TrainSpec(inst, witness, options(10), 0));
    expect(c?.hypothesis).toEqual({ seed: 37, k: 4, scale: 0.5, index: 0, s: witness, c: 0, outcome: 'spurious', against: { s: against, c: 0, outcome: 'global' } });
    expect(c?.violated).toBe(`no ε > 0 separates the outcomes by a_0ᵀa*: a_0ᵀa* = ${fmt(witness, 6)} on the a*-line ends spurious, a_0ᵀa* = ${fmt(against, 6)} on the a*-line ends global`);
    expect(c?.margin).toBe(-(witness - against) / (half - -half));
  });

  it('should refute by lines that switch at different a_0ᵀa*, with two starts of the same a_0ᵀa* and different outcomes', () => {
    // Along a* and at c = −r/2: switch at −0.26; at c = +r/2: at −0.1.
    h.outcome = (_i, u, f) => (u < (f === 0.5 ? -0.1 : -0.26) ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 39));
    expect(r.verdict).toBe('refuted');
    const d = r.details as unknown as Details;
    const row = d.instances[0];
    expect([row.alongKind, row.acrossKind]).toEqual(['separated', 'violated']);
    expect(row.switchShiftOverRange as number).toBeCloseTo(0.16, 3);
    const inst = p2Instance(39, 4, 0.5, 0);
    const witness = row.lines[2].switches[0].lo;
    const againstLine = row.lines[0].switches[0].hi <= row.lines[1].switches[0].hi ? 0 : 1;
    const against = row.lines[againstLine].switches[0].hi;
    const cGlobal = [0, -0.5][againstLine] * inst.radius;
    const mid = (witness + against) / 2;
    const cc = 0.5 * inst.radius;
    // Two GD runs at the midpoint, then the record.
    expect(h.directCalls).toEqual([{ s: mid, c: cc }, { s: mid, c: cGlobal }]);
    const c = r.counterexample;
    const whereGlobal = againstLine === 0 ? 'on the a*-line' : 'at offset -0.5·r·q off the a*-line';
    expect(c?.input).toEqual(p2TrainSpec(inst, mid, options(10), cc));
    expect(c?.hypothesis).toEqual({ seed: 39, k: 4, scale: 0.5, index: 0, s: mid, c: cc, outcome: 'spurious', against: { s: mid, c: cGlobal, outcome: 'global' } });
    expect(c?.violated).toBe(`the outcome is not a function of a_0ᵀa*: two starts in the ball with a_0ᵀa* = ${fmt(mid, 6)} end spurious at offset 0.5·r·q off the a*-line and global ${whereGlobal}`);
    const sepAll = judgeSeparation<Outcome>(
      [0, -0.5, 0.5].map((f) => {
        const half = inst.aStarNorm * Math.sqrt(inst.radius ** 2 - (f * inst.radius) ** 2);
        return locateSwitches((s) => (s / inst.sMax < (f === 0.5 ? -0.1 : -0.26) ? 'spurious' : 'global'), { lo: -half, hi: half, gridPoints: 41, resolution: { kind: 'absolute', value: 1e-4 * half } });
      }),
      { below: 'spurious', above: 'global', before: 0 },
    );
    expect(c?.margin).toBe(sepAll.kind === 'violated' ? sepAll.margin : NaN);
    expect(r.evidence).toMatch(/: 9 switch once spurious→global at s = −ε < 0 \(ε\/\(r‖a\*‖\) 0\.26–0\.26\), 0 global throughout, 0 violate; off the a\*-line \(c = ±r\/2 along 1 ⟂ a\*, 9 teachers\): 9 violate, switch point moves by up to 0\.16·r‖a\*‖; median /);
    expect(r.evidence.startsWith(`${c?.violated}; 9 teachers`)).toBe(true);
  });

  it('should fall back to the witness when GD at the midpoint does not end spurious on the witness\'s line', () => {
    h.outcome = (_i, u, f) => (u < (f === 0.5 ? -0.1 : -0.26) ? 'spurious' : 'global');
    h.direct = () => 'global';
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 39));
    expect(h.directCalls.length).toBe(1);
    const row = (r.details as unknown as Details).instances[0];
    const inst = p2Instance(39, 4, 0.5, 0);
    const witness = row.lines[2].switches[0].lo;
    const againstLine = row.lines[0].switches[0].hi <= row.lines[1].switches[0].hi ? 0 : 1;
    const against = row.lines[againstLine].switches[0].hi;
    const cGlobal = [0, -0.5][againstLine] * inst.radius;
    const whereGlobal = againstLine === 0 ? 'on the a*-line' : 'at offset -0.5·r·q off the a*-line';
    const c = r.counterexample;
    expect(c?.input).toEqual(p2TrainSpec(inst, witness, options(10), 0.5 * inst.radius));
    expect(c?.hypothesis).toEqual({ seed: 39, k: 4, scale: 0.5, index: 0, s: witness, c: 0.5 * inst.radius, outcome: 'spurious', against: { s: against, c: cGlobal, outcome: 'global' } });
    expect(c?.violated).toBe(`no ε > 0 separates the outcomes by a_0ᵀa*: a_0ᵀa* = ${fmt(witness, 6)} at offset 0.5·r·q off the a*-line ends spurious, a_0ᵀa* = ${fmt(against, 6)} ${whereGlobal} ends global`);
  });

  it('should fall back to the witness when GD at the midpoint does not end global on the other line', () => {
    h.outcome = (_i, u, f) => (u < (f === 0.5 ? -0.1 : -0.26) ? 'spurious' : 'global');
    h.direct = () => 'spurious';
    const r = rebuttalTrapThreshold.run(ctx(1, 1e9, 39));
    expect(h.directCalls.length).toBe(2);
    const row = (r.details as unknown as Details).instances[0];
    const c = r.counterexample;
    expect(c?.hypothesis).toEqual(expect.objectContaining({ s: row.lines[2].switches[0].lo, outcome: 'spurious' }));
    expect(c?.violated).toMatch(/^no ε > 0 separates the outcomes by a_0ᵀa\*: /);
  });

  it('should prefer a violation along a* of a later teacher to an earlier one across lines', () => {
    // First teacher (k = 4, s = 0.5): lines disagree; k = 64, s = 2: spurious at u ≥ 0 along a*.
    h.outcome = (inst, u, f) => (inst.k === 64 && inst.scale === 2 ? (u < 0.2 ? 'spurious' : 'global') : u < (f === 0.5 ? -0.1 : -0.26) ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(1));
    expect(r.counterexample?.hypothesis).toEqual(expect.objectContaining({ k: 64, scale: 2, c: 0 }));
    expect(r.counterexample?.violated).toMatch(/^no ε > 0 separates the outcomes: spurious at x = /);
    // The first across-line violation is the one kept when nothing is violated along a*.
    h.outcome = (inst, u, f) => (u < (f === 0.5 && inst.k !== 4 ? -0.1 : -0.26) ? 'spurious' : 'global');
    const r2 = rebuttalTrapThreshold.run(ctx(1));
    expect(r2.counterexample?.hypothesis).toEqual(expect.objectContaining({ k: 16, scale: 0.5, c: 0.5 * p2Instance(31, 16, 0.5, 0).radius }));
  });

  it('should refute even when the time budget ran out', () => {
    h.outcome = (_i, u) => (u < 0.1 ? 'spurious' : 'global');
    h.tick = 10;
    const r = rebuttalTrapThreshold.run(ctx(1, 5));
    expect(r.verdict).toBe('refuted');
    expect((r.details as unknown as Details).interrupted).toBe(true);
    expect((r.details as unknown as Details).instances.length).toBe(1);
  });
});

describe('rebuttal.trap-threshold: inconclusive', () => {
  it('should be inconclusive when a switch bracket straddles 0, counting them', () => {
    // Spurious exactly below 0: the bracket ends at the grid point 0, which is global.
    h.outcome = (inst, u) => (inst.scale === 1 ? (u < 0 ? 'spurious' : 'global') : u < -0.26 ? 'spurious' : 'global');
    const r = rebuttalTrapThreshold.run(ctx(2));
    expect(r.verdict).toBe('inconclusive');
    expect(r.counterexample).toBeUndefined();
    const d = r.details as unknown as Details;
    expect(d.instances.filter((x) => x.alongKind === 'unresolved').length).toBe(6);
    expect(d.instances.filter((x) => x.acrossKind === 'unresolved').length).toBe(3);
    expect(r.runs).toBe([...d.instances, ...d.betaReport].reduce((n, x) => n + x.evaluations, 0));
    expect(r.evidence).toBe(
      `18 teachers (k ∈ {4,16,64}, s ∈ {0.5,1,2}, β = 10, T = 20000): 6 switch brackets straddle 0; along a* (P2): 12 switch once spurious→global at s = −ε < 0 (ε/(r‖a*‖) 0.26–0.26), 0 global throughout, 0 violate; off the a*-line (c = ±r/2 along 1 ⟂ a*, 9 teachers): 0 violate, switch point moves by up to ${fmt(Math.max(...d.instances.flatMap((x) => (x.switchShiftOverRange === null ? [] : [x.switchShiftOverRange]))), 2)}·r‖a*‖`,
    );
  });

  it('should be inconclusive, never holds, when the time budget runs out, and go on at exactly the budget', () => {
    h.tick = 10; // per scan; the first teacher of k = 4 costs 3 scans
    const r = rebuttalTrapThreshold.run(ctx(2, 45));
    expect(r.verdict).toBe('inconclusive');
    const d = r.details as unknown as Details;
    expect(d.interrupted).toBe(true);
    // k = 4, s = 0.5: index 0 at t = 0 (3 scans → 30), index 1 at 30 (→ 40); s = 1: index 0 at 40 (→ 70); then stop.
    expect(d.instances.map((x) => [x.k, x.scale, x.index])).toEqual([[4, 0.5, 0], [4, 0.5, 1], [4, 1, 0]]);
    expect(r.evidence).toMatch(/^3 teachers \(k ∈ \{4,16,64\}, s ∈ \{0\.5,1,2\}, β = 10, T = 20000\): time budget of 45 ms ran out; 0 switch brackets straddle 0; along a\* \(P2\): 3 switch once/);
    expect(r.evidence).not.toContain('median ε');
    // The budget counts from the start of the run, not from 0.
    h.clock = 1000;
    h.scanCalls = [];
    const full = rebuttalTrapThreshold.run(ctx(1, 1e9));
    const cost = h.clock - 1000;
    h.clock = 1000;
    const exact = rebuttalTrapThreshold.run(ctx(1, cost - 10));
    expect(exact.verdict).toBe('holds');
    expect(full.verdict).toBe('holds');
    h.clock = 1000;
    const short = rebuttalTrapThreshold.run(ctx(1, cost - 11));
    expect(short.verdict).toBe('inconclusive');
    expect((short.details as unknown as Details).instances.length).toBe(8);
  });
});
