/**
 * The runner every universal claim goes through (src/claims/universal-runner.ts), on toy claims
 * whose answer is known: "for all x in [−1, 1]: margin(x) ≥ 0". The verdicts are the registry's
 * contract (src/claims/claim.ts, THEORY.md §6): **holds** only when the whole budget of samples
 * ran with no violation; **refuted** with a shrunk, replayable counterexample whose margin is
 * negative; **inconclusive** when the time budget ran out (never a pass: CONVENTIONS.md, "an
 * interrupted run counts as a pass unless markInterruptAsFailure"); stored examples replayed first;
 * margins inside (−robustness, 0) not violations; and a margin that throws is an error, not a
 * verdict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { violates, type ClaimContext, type UniversalClaim } from '../../src/claims/claim.ts';
import { fmt, runUniversal } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';

const PROFILE = resolveProfile({ profile: 'ci' });

function context(runs: number, timeMs = 60_000, examples: readonly unknown[] = []): ClaimContext {
  return { profile: PROFILE, seed: 42, budget: { runs, timeMs }, examples };
}

/** A toy universal claim over x ∈ [−1, 1] with the given margin. */
function toyClaim(margin: (x: number) => number, robustness?: number): UniversalClaim<number> {
  return {
    id: 'toy.claim',
    title: 'toy',
    statement: 'margin(x) ≥ 0 for x in [−1, 1]',
    source: { lines: 'test', quoted: [], ours: [] },
    formalizationVersion: 3,
    expected: 'holds',
    kind: 'universal',
    budgets: { dev: { runs: 10, timeMs: 1000 }, ci: { runs: 10, timeMs: 1000 }, nightly: { runs: 10, timeMs: 1000 }, soak: { runs: 10, timeMs: 1000 } },
    violation: 'margin below 0',
    hypotheses: () => fc.double({ min: -1, max: 1, noNaN: true }),
    margin,
    toTrainSpec: (x) => ({ p: 1, k: 1, w0: [x], a0: [1], wStar: [0], aStar: [1], etaW: 0.1, etaA: 0.1, steps: 0 }),
    ...(robustness === undefined ? {} : { robustness }),
    run(ctx: ClaimContext) {
      return runUniversal(this, ctx);
    },
  };
}

describe('runUniversal: verdicts', () => {
  it('should say holds, with every sample run and the smallest margin, when no sample violates', () => {
    const margins: number[] = [];
    const r = runUniversal(
      toyClaim((x) => {
        margins.push(1 + x);
        return 1 + x;
      }),
      context(200),
    );
    expect(r.verdict).toBe('holds');
    expect(r.runs).toBe(200);
    expect(margins.length).toBe(200);
    expect(r.counterexample).toBeUndefined();
    const smallest = Math.min(...margins);
    expect((r.details as { minMargin: number }).minMargin).toBe(smallest);
    expect(r.evidence).toBe(`no counterexample in 200 samples (0 stored replayed); smallest margin ${fmt(smallest)}`);
  });

  it('should count a margin of exactly 0 as holding (≥ 0 holds, < 0 violated)', () => {
    expect(runUniversal(toyClaim(() => 0), context(50)).verdict).toBe('holds');
  });

  it('should say refuted with a shrunk counterexample whose margin is negative', () => {
    const claim = toyClaim((x) => 0.5 - x); // violated for x > 0.5
    const r = runUniversal(claim, context(500));
    expect(r.verdict).toBe('refuted');
    const c = r.counterexample;
    expect(c).toBeDefined();
    if (c === undefined) return;
    expect(c.hypothesis as number).toBeGreaterThan(0.5);
    expect(c.margin).toBeLessThan(0);
    expect(c.margin).toBe(claim.margin(c.hypothesis as number));
    expect(c.claim).toBe('toy.claim');
    expect(c.formalizationVersion).toBe(3);
    expect(c.violated).toBe('margin below 0');
    expect(c.input.w0).toEqual([c.hypothesis]);
    // Shrinking moves the counterexample towards the boundary x = 0.5.
    expect(c.hypothesis as number).toBeLessThan(0.6);
    expect((r.details as { numShrinks: number }).numShrinks).toBeGreaterThan(0);
    expect(r.evidence).toMatch(/^margin below 0: margin -/);
  });

  it('should replay stored examples first: a stored violating example refutes even when sampling would not find it', () => {
    // Violated only at exactly x = 0.123; random doubles in [−1, 1] essentially never hit it.
    const claim = toyClaim((x) => (x === 0.123 ? -1 : 1));
    expect(runUniversal(claim, context(100)).verdict).toBe('holds');
    const r = runUniversal(claim, context(100, 60_000, [0.123]));
    expect(r.verdict).toBe('refuted');
    expect(r.counterexample?.hypothesis).toBe(0.123);
  });

  it('should say inconclusive, never holds, when the time budget runs out', () => {
    const slow = toyClaim(() => {
      const until = performance.now() + 5;
      while (performance.now() < until) {
        // busy: 5 ms per sample
      }
      return 1;
    });
    const r = runUniversal(slow, context(10_000, 50));
    expect(r.verdict).toBe('inconclusive');
    expect(r.runs).toBeLessThan(10_000);
    expect(r.evidence).toMatch(/^time budget of 50 ms ran out after \d+ of 10000 samples/);
  });

  it('should not count margins inside (−robustness, 0) as violations, and count NaN as one', () => {
    expect(runUniversal(toyClaim(() => -1e-9, 1e-6), context(50)).verdict).toBe('holds');
    expect(runUniversal(toyClaim(() => -1e-3, 1e-6), context(50)).verdict).toBe('refuted');
    expect(violates({}, 0)).toBe(false);
    expect(violates({}, -Number.MIN_VALUE)).toBe(true);
    expect(violates({ robustness: 1e-6 }, -1e-6)).toBe(false);
    expect(violates({ robustness: 1e-6 }, -2e-6)).toBe(true);
    expect(violates({}, NaN)).toBe(true);
  });

  it('should rethrow an error thrown by the margin instead of reporting a verdict', () => {
    const broken = toyClaim(() => {
      throw new RangeError('broken margin');
    });
    expect(() => runUniversal(broken, context(10))).toThrow('broken margin');
  });
});

describe('fmt', () => {
  it('should print 4 significant digits in plain notation in [1e-3, 1e5) and exponential outside', () => {
    expect(fmt(0)).toBe('0');
    expect(fmt(1.23456)).toBe('1.235');
    expect(fmt(-0.001)).toBe('-0.001');
    expect(fmt(12345.6)).toBe('12350');
    expect(fmt(123456)).toBe('1.235e+5');
    expect(fmt(0.000123456)).toBe('1.235e-4');
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt(-Infinity)).toBe('-Infinity');
    expect(fmt(2.5, 2)).toBe('2.5');
  });
});
