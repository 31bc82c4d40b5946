/**
 * Example tests of Vuong's test between two line models (src/search/vuong-test.ts), as used by
 * thm.polynomial-time: log steps on log k (polynomial) against log steps on k (exponential).
 * Synthetic data with a known law and deterministic multiplicative noise (±10%).
 */
import { describe, expect, it } from 'vitest';
import { vuongLineModels } from '../../src/search/vuong-test.ts';

const KS = [4, 8, 16, 32, 64, 128, 256];
const noise = (i: number): number => 1 + 0.1 * Math.sin(7.3 * i + 1);

function design(law: (k: number) => number): { logK: number[]; k: number[]; logY: number[] } {
  const logK: number[] = [];
  const k: number[] = [];
  const logY: number[] = [];
  KS.forEach((kk) => {
    for (let r = 0; r < 5; r++) {
      logK.push(Math.log(kk));
      k.push(kk);
      logY.push(Math.log(law(kk) * noise(logY.length)));
    }
  });
  return { logK, k, logY };
}

describe('vuongLineModels', () => {
  it('should favour the polynomial model on power-law data', () => {
    const d = design((k) => 4 * k ** 1.5);
    const t = vuongLineModels(d.logK, d.k, d.logY);
    expect(t.z).toBeGreaterThan(3);
    expect(t.pSecondBetter).toBeGreaterThan(0.99);
    expect(t.rss1).toBeLessThan(t.rss2);
  });

  it('should favour the exponential model on exponential data (what would refute thm.polynomial-time)', () => {
    const d = design((k) => 10 * Math.exp(0.03 * k));
    const t = vuongLineModels(d.logK, d.k, d.logY);
    expect(t.z).toBeLessThan(-3);
    expect(t.pSecondBetter).toBeLessThan(0.01);
  });

  it('should give z = 0 when both models fit pointwise alike', () => {
    const x = [1, 2, 3, 4];
    const t = vuongLineModels(x, x, [1, 3, 2, 5]);
    expect(t).toMatchObject({ z: 0, pFirstBetter: 1, pSecondBetter: 1 });
  });

  it('should reject regressors of the wrong length', () => {
    expect(() => vuongLineModels([1, 2, 3], [1, 2], [1, 2, 3])).toThrow(/x2 and y/);
  });
});
