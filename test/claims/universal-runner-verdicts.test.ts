/**
 * More of the universal runner's contract (src/claims/universal-runner.ts), beside
 * test/claims/universal-runner.test.ts: the inconclusive verdict's full record (interrupted, the
 * smallest margin so far), a margin that throws only once (the error still wins over any verdict,
 * even when re-asking the margin no longer throws), and fmt's upper boundary 1e5.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimContext, UniversalClaim } from '../../src/claims/claim.ts';
import { fmt, runUniversal } from '../../src/claims/universal-runner.ts';
import { resolveProfile } from '../../src/config/profile.ts';

const PROFILE = resolveProfile({ profile: 'ci' });

function context(runs: number, timeMs = 60_000): ClaimContext {
  return { profile: PROFILE, seed: 42, budget: { runs, timeMs } };
}

function toyClaim(margin: (x: number) => number): UniversalClaim<number> {
  return {
    id: 'toy.verdicts',
    title: 'toy',
    statement: 'margin(x) ≥ 0 for x in [0, 1]',
    source: { lines: 'test', quoted: [], ours: [] },
    formalizationVersion: 1,
    expected: 'holds',
    kind: 'universal',
    budgets: { dev: { runs: 10, timeMs: 1000 }, ci: { runs: 10, timeMs: 1000 }, nightly: { runs: 10, timeMs: 1000 }, soak: { runs: 10, timeMs: 1000 } },
    violation: 'below 0',
    hypotheses: () => fc.integer({ min: 0, max: 1000 }).map((i) => i / 1000),
    margin,
    toTrainSpec: (x) => ({ p: 1, k: 1, w0: [x], a0: [1], wStar: [0], aStar: [1], etaW: 0.1, etaA: 0.1, steps: 0 }),
    run(ctx: ClaimContext) {
      return runUniversal(this, ctx);
    },
  };
}

describe('runUniversal: interrupted runs', () => {
  it('should record the interruption, the seed and the smallest margin seen before the time ran out', () => {
    const margins: number[] = [];
    const slow = toyClaim((x) => {
      const until = performance.now() + 4;
      while (performance.now() < until) {
        // busy: 4 ms per sample
      }
      margins.push(2 + x);
      return 2 + x;
    });
    const r = runUniversal(slow, context(100_000, 40));
    expect(r.verdict).toBe('inconclusive');
    expect(margins.length).toBeGreaterThan(0);
    const smallest = Math.min(...margins);
    expect(r.details).toEqual({ seed: 42, interrupted: true, minMargin: smallest });
    expect(r.runs).toBe(margins.length);
    expect(r.evidence).toBe(`time budget of 40 ms ran out after ${margins.length} of 100000 samples; smallest margin ${fmt(smallest)}`);
    expect(r.counterexample).toBeUndefined();
  });

  it('should run without stored examples when the context has none', () => {
    const r = runUniversal(toyClaim((x) => x), context(30));
    expect(r.verdict).toBe('holds');
    expect(r.evidence).toMatch(/^no counterexample in 30 samples \(0 stored replayed\)/);
  });
});

describe('runUniversal: errors', () => {
  it('should rethrow the first error of the margin even if the margin no longer throws when re-asked', () => {
    let calls = 0;
    const flaky = toyClaim(() => {
      calls++;
      if (calls === 1) throw new RangeError('first call fails');
      return 1;
    });
    expect(() => runUniversal(flaky, context(20))).toThrow('first call fails');
  });
});

describe('fmt at its boundaries', () => {
  it('should switch to exponential notation at 1e5 and below 1e-3', () => {
    expect(fmt(99999)).toBe('1.000e+5'); // rounds to 1e5: the notation of 1e5
    expect(fmt(99995)).toBe('1.000e+5');
    expect(fmt(99994)).toBe('99990');
    expect(fmt(100000)).toBe('1.000e+5');
    expect(fmt(-100000)).toBe('-1.000e+5');
    expect(fmt(0.001)).toBe('0.001');
    expect(fmt(0.000999)).toBe('9.990e-4');
    expect(fmt(0.00099996)).toBe('0.001'); // rounds to 1e-3: plain, as 1e-3 is
    expect(fmt(Infinity)).toBe('Infinity');
  });
});
