/**
 * The generator of the golden fixture's inputs (src/reference/golden-cases.ts): every case keeps
 * the note stored in the committed fixture (the notes are part of the fixture, and --check does
 * not compare them), and the one-ulp perturbations move an entry to the adjacent double above,
 * for a positive and for a negative entry (the sign depends on the seed); nextUp itself at zero,
 * at the sign change and at the ends of the subnormals.
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_SEED, goldenCases, nextUp } from '../../src/reference/golden-cases.ts';
import { readGoldenFixture } from '../../src/reference/golden-fixture.ts';

/** True when y is the double just above x: y > x and no double lies strictly between them. */
function isNextDoubleUp(x: number, y: number): boolean {
  // For adjacent finite doubles the exact midpoint rounds to one of them; otherwise it does not.
  const mid = x / 2 + y / 2;
  return y > x && (mid === x || mid === y);
}

describe('golden cases', () => {
  it('should give every case the name and note stored in the committed fixture', () => {
    const stored = readGoldenFixture().cases.map((c) => ({ name: c.name, note: c.note }));
    const generated = goldenCases().map((c) => ({ name: c.name, note: c.note }));
    expect(generated).toEqual(stored);
  });

  it('should word the notes of the random cases by whether p is a perfect square', () => {
    const notes = new Map(goldenCases().map((c) => [c.name, c.note]));
    expect(notes.get('random-k3-p4')).toBe('random point, w* ~ N(0, 1²/p), p a perfect square (1/√p rational)');
    expect(notes.get('random-k5-p2')).toBe('random point, w* ~ N(0, 0.5²/p), p not a square');
  });

  it('should move one entry of phi-near-0-ulp to the next double up, for a negative and a positive entry', () => {
    // Seed GOLDEN_SEED draws wStar[2] < 0, seed 1 draws wStar[2] > 0.
    for (const [seed, sign] of [[GOLDEN_SEED, -1], [1, 1]] as const) {
      const c = goldenCases(seed).find((x) => x.name === 'phi-near-0-ulp');
      expect(c).toBeDefined();
      const { w, wStar } = c!.input;
      expect(Math.sign(wStar[2])).toBe(sign);
      expect(isNextDoubleUp(wStar[2], w[2])).toBe(true);
      w.forEach((x, i) => {
        if (i !== 2) expect(Object.is(x, wStar[i])).toBe(true);
      });
    }
  });

  it('should put phi-near-pi-ulp-p4 one ulp above −1.375', () => {
    const c = goldenCases().find((x) => x.name === 'phi-near-pi-ulp-p4');
    expect(c?.input.w).toEqual([-1.25, -0.875, -1, -1.375 + 2 ** -52]);
    expect(isNextDoubleUp(-1.375, c!.input.w[3])).toBe(true);
  });

  it('should recognise adjacent doubles only (the helper of these tests)', () => {
    expect(isNextDoubleUp(1, 1 + 2 ** -52)).toBe(true);
    expect(isNextDoubleUp(1, 1 + 2 ** -51)).toBe(false);
    expect(isNextDoubleUp(1 + 2 ** -52, 1)).toBe(false);
    expect(isNextDoubleUp(-1, -1 + 2 ** -53)).toBe(true);
    expect(isNextDoubleUp(-1, -1 + 2 ** -52)).toBe(false);
  });

  it('should step nextUp to the adjacent double above, from ±0, negatives and subnormals', () => {
    expect(nextUp(0)).toBe(5e-324);
    expect(nextUp(-0)).toBe(5e-324);
    expect(nextUp(1)).toBe(1 + 2 ** -52);
    expect(nextUp(-1)).toBe(-1 + 2 ** -53);
    expect(Object.is(nextUp(-5e-324), -0)).toBe(true);
    expect(nextUp(2 ** -1074)).toBe(2 ** -1073);
    expect(nextUp(2 ** -1022 - 2 ** -1074)).toBe(2 ** -1022);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
  });
});
