import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/random/rng.ts';

describe('Rng', () => {
  it('should produce pure-rand xoroshiro128plus draw for draw', () => {
    for (const seed of [0, 1, -5, 123456789, 2 ** 31 - 1]) {
      const reference = xoroshiro128plus(seed);
      const ours = new Rng(seed);
      for (let i = 0; i < 2000; i++) expect(ours.next()).toBe(reference.next());
    }
  });

  it('should give uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(7);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sq += u * u;
    }
    // Standard errors: mean √(1/12n) ≈ 6.5e-4, second moment ≈ 6.7e-4; 5σ bounds (fixed seed).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
  });

  it('should give standard normals (mean 0, variance 1, kurtosis 3)', () => {
    const x = new Rng(11).fillNormal(new Float64Array(200_000));
    const n = x.length;
    const m1 = x.reduce((s, v) => s + v, 0) / n;
    const m2 = x.reduce((s, v) => s + v * v, 0) / n;
    const m4 = x.reduce((s, v) => s + v ** 4, 0) / n;
    // Standard errors: m1 1/√n ≈ 2.2e-3, m2 √(2/n) ≈ 3.2e-3, m4 √(96/n) ≈ 2.2e-2; 5σ bounds.
    expect(Math.abs(m1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('should derive different, reproducible seeds for different index paths', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) seen.add(deriveSeed(42, i, j));
    expect(seen.size).toBe(10_000);
  });

  it('should reject a non-integer seed', () => {
    expect(() => new Rng(1.5)).toThrow(/seed must be an integer \(got 1.5\)/);
  });
});
