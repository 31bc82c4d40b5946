/**
 * Example tests of the Cochran–Armitage trend test (src/stats/trend.ts):
 * - Agresti (Categorical Data Analysis, 2nd ed., §3.4.6): infant malformation by maternal alcohol
 *   consumption, scores (0, 0.5, 1.5, 4, 7), malformed 48/17114, 38/14502, 5/793, 1/127, 1/38:
 *   M² = (N − 1)r² = 6.57, so z² = N r² = 6.57·N/(N − 1), N = 32574 (two printed decimals).
 * - A genotype trend (scores 1, 2, 3; 595/962, 628/1321, 178/476) whose χ² = 85.7132 and
 *   p = 2.08023e-20 (two-sided, GSL) are quoted in a public C++ statistics library's notes.
 */
import { describe, expect, it } from 'vitest';
import { cochranArmitage } from '../../src/stats/trend.ts';
import { expectRelClose } from './expect-close.ts';

const group = ([score, successes, trials]: number[]): { score: number; successes: number; trials: number } => ({ score, successes, trials });

describe('cochranArmitage', () => {
  it("should reproduce Agresti's malformation example", () => {
    const t = cochranArmitage([[0, 48, 17114], [0.5, 38, 14502], [1.5, 5, 793], [4, 1, 127], [7, 1, 38]].map(group));
    const n = 32574;
    expect(Math.abs((t.z * t.z * (n - 1)) / n - 6.57)).toBeLessThan(0.005);
    expect(t.z).toBeGreaterThan(0);
    expect(t.pRising).toBeLessThan(0.01);
  });

  it('should reproduce the genotype example: χ² = 85.7132, two-sided p = 2.08023e-20', () => {
    const t = cochranArmitage([[1, 595, 962], [2, 628, 1321], [3, 178, 476]].map(group));
    expect(Math.abs(t.z * t.z - 85.7132)).toBeLessThan(5e-5);
    expectRelClose(2 * t.pFalling, 2.08023e-20, 5e-6);
    expect(t.pRising).toBe(1);
  });

  it('should have no information when every trial succeeds', () => {
    expect(cochranArmitage([[1, 10, 10], [2, 10, 10]].map(group))).toEqual({ z: 0, pRising: 1, pFalling: 1 });
  });

  it('should reject a single group and impossible counts', () => {
    expect(() => cochranArmitage([group([1, 1, 2])])).toThrow('a trend test needs at least 2 groups (got 1)');
    expect(() => cochranArmitage([[1, 3, 2], [2, 1, 2]].map(group))).toThrow('x must be an integer in [0, 2] (got 3)');
  });
});
