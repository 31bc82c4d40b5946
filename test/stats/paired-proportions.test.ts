/**
 * Example tests of the paired comparison (src/stats/paired-proportions.ts) against the worked example
 * of Fagerland, Lydersen & Laake (2017, ch. 8; their R package contingencytables): complete response
 * before and after consolidation therapy (Cavo et al. 2012), table [[59, 6], [16, 80]]:
 * δ = −0.0621, Newcombe square-and-add 95% interval (−0.1186, −0.0046), McNemar exact conditional
 * two-sided P = 0.052479 (published to the printed digits; the tolerances are half a unit of the
 * last printed digit).
 */
import { describe, expect, it } from 'vitest';
import {
  comparePaired,
  mcnemarExactOneSided,
  pairedDifferenceInterval,
  pairedTable,
} from '../../src/stats/paired-proportions.ts';

const CAVO = { both: 59, firstOnly: 6, secondOnly: 16, neither: 80 };

describe('pairedDifferenceInterval', () => {
  it("should reproduce Fagerland et al.'s Newcombe interval for the Cavo et al. table", () => {
    const i = pairedDifferenceInterval(CAVO);
    expect(Math.abs(i.estimate - -10 / 161)).toBeLessThan(1e-16);
    expect(Math.abs(i.lower - -0.1186)).toBeLessThan(5e-5);
    expect(Math.abs(i.upper - -0.0046)).toBeLessThan(5e-5);
  });

  it('should give a non-degenerate interval around 0 when no pair is discordant', () => {
    const i = pairedDifferenceInterval({ both: 990, firstOnly: 0, secondOnly: 0, neither: 10 });
    expect(i.estimate).toBe(0);
    expect(i.lower).toBeLessThan(0);
    expect(i.upper).toBeGreaterThan(0);
  });

  it('should narrow with the level', () => {
    const wide = pairedDifferenceInterval(CAVO, 0.99);
    const narrow = pairedDifferenceInterval(CAVO, 0.9);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });
});

describe('mcnemarExactOneSided', () => {
  it("should reproduce the exact conditional P = 0.052479 (two-sided) of Fagerland et al.", () => {
    expect(Math.abs(2 * mcnemarExactOneSided(CAVO) - 0.052479)).toBeLessThan(5e-7);
  });

  it('should be 1 without discordant pairs and 2^−D when the first arm never wins alone', () => {
    expect(mcnemarExactOneSided({ both: 5, firstOnly: 0, secondOnly: 0, neither: 5 })).toBe(1);
    expect(mcnemarExactOneSided({ both: 5, firstOnly: 0, secondOnly: 10, neither: 5 })).toBeCloseTo(2 ** -10, 15);
  });
});

describe('pairedTable and comparePaired', () => {
  it('should count the four kinds of pairs', () => {
    const t = pairedTable([true, true, false, false, true], [true, false, true, false, true]);
    expect(t).toEqual({ both: 2, firstOnly: 1, secondOnly: 1, neither: 1 });
  });

  it('should reject samples of different lengths', () => {
    expect(() => pairedTable([true], [true, false])).toThrow('paired samples must have the same length (got 1 and 2)');
  });

  it('should report both rates with Wilson 95% intervals and the difference at the given level', () => {
    const first = [...Array<boolean>(65).fill(true), ...Array<boolean>(96).fill(false)];
    const second = [...Array<boolean>(59).fill(true), ...Array<boolean>(6).fill(false), ...Array<boolean>(16).fill(true), ...Array<boolean>(80).fill(false)];
    const c = comparePaired(first, second, 0.95);
    expect(c.table).toEqual(CAVO);
    expect(c.first.estimate).toBe(65 / 161);
    expect(c.second.estimate).toBe(75 / 161);
    expect(c.difference).toEqual(pairedDifferenceInterval(CAVO, 0.95));
    expect(c.pFirstLower).toBe(mcnemarExactOneSided(CAVO));
  });
});
