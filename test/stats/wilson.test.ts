/**
 * Example tests of the Wilson score interval (src/stats/wilson.ts). Values at 95% from the closed
 * form evaluated in mpmath at 30 digits (z = Φ⁻¹(0.975)): 0/10 → [0, z²/(10 + z²)] = [0, 0.277533];
 * 5/10 → [0.236593, 0.763407]; 10/10 → [0.722467, 1]; these agree with Newcombe (1998) Table I
 * (0/10: 0–0.2775; 10/10: 0.7225–1). Measured relative errors ≤ 1.0e-15, inherited from
 * z = Φ⁻¹(0.975) (error 8e-16; tolerance 2e-15), and 4.3e-15 for the 99% check, whose z is a
 * 17-digit literal (tolerance 1e-14).
 */
import { describe, expect, it } from 'vitest';
import { formatInterval, wilsonInterval } from '../../src/stats/wilson.ts';
import { expectRelClose } from './expect-close.ts';

describe('wilsonInterval', () => {
  it('should match the hand-computed intervals of 0/10, 5/10 and 10/10', () => {
    const none = wilsonInterval(0, 10);
    expect(none.lower).toBe(0);
    expectRelClose(none.upper, 0.277532799862889252715331318613, 2e-15);
    const half = wilsonInterval(5, 10);
    expectRelClose(half.lower, 0.236593090512563977694983403391, 2e-15);
    expectRelClose(half.upper, 0.763406909487436022305016596609, 2e-15);
    const all = wilsonInterval(10, 10);
    expectRelClose(all.lower, 0.722467200137110747284668681387, 2e-15);
    expect(all.upper).toBe(1);
  });

  it('should equal z²/(n + z²) at x = 0 for other levels', () => {
    const z = 2.5758293035489007; // Φ⁻¹(0.995)
    expectRelClose(wilsonInterval(0, 40, 0.99).upper, (z * z) / (40 + z * z), 1e-14);
  });

  it('should contain the estimate and be symmetric under x ↦ n − x', () => {
    for (const [x, n] of [[1, 3], [7, 100], [999, 1000]]) {
      const i = wilsonInterval(x, n);
      const j = wilsonInterval(n - x, n);
      expect(i.lower).toBeLessThan(i.estimate);
      expect(i.upper).toBeGreaterThan(i.estimate);
      expectRelClose(i.lower, 1 - j.upper, 1e-12);
    }
  });

  it('should reject counts that are not integers in [0, n]', () => {
    expect(() => wilsonInterval(11, 10)).toThrow('wilsonInterval: x must be an integer in [0, 10] (got 11)');
    expect(() => wilsonInterval(1, 0)).toThrow('wilsonInterval: n must be a positive integer (got 0)');
  });

  it('should format as "estimate [lower, upper]"', () => {
    expect(formatInterval({ estimate: 0.5, lower: 0.25, upper: 0.75 }, String)).toBe('0.5 [0.25, 0.75]');
  });
});
