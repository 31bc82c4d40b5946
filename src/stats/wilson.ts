/**
 * The Wilson score interval for a binomial proportion (Wilson 1927; THEORY.md §7 "Report rates
 * with Wilson 95% CIs"). With x successes in n trials, p̂ = x/n and z = Φ⁻¹(1 − (1 − level)/2):
 *
 *   centre = (p̂ + z²/(2n)) / (1 + z²/n),   half = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²)).
 *
 * ## Special cases
 * - x = 0 gives lower = 0 exactly and upper = z²/(n + z²); x = n gives upper = 1 exactly.
 * - n must be a positive integer and x an integer in [0, n] (RangeError otherwise).
 */
import { normalQuantile } from './normal.ts';

export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Throws a RangeError unless n ≥ 1 and 0 ≤ x ≤ n are integers. */
export function checkCount(name: string, x: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name}: n must be a positive integer (got ${n})`);
  if (!Number.isSafeInteger(x) || x < 0 || x > n) throw new RangeError(`${name}: x must be an integer in [0, ${n}] (got ${x})`);
}

/** The two-sided Wilson interval at the given level (default 0.95). */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  checkCount('wilsonInterval', x, n);
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2n = (z * z) / n;
  const p = x / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return {
    estimate: p,
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}

/** "estimate [lower, upper]" with the caller's number format (evidence lines). */
export function formatInterval(i: Interval, format: (x: number) => string): string {
  return `${format(i.estimate)} [${format(i.lower)}, ${format(i.upper)}]`;
}
