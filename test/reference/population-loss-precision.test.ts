/**
 * The ReLU reference's precision loop (src/reference/population-loss.ts, evaluate-core.ts) at a
 * generic angle: ∇_a L at φ ∉ {0, π/2, π} (no symbolic h) with 65 digits cancelling must be
 * refined until it is right, the loop's limit MAX_WORKING_PRECISION is reached exactly and its
 * error names the limit and the shape, and the requested digits are checked against [1, MAX_DIGITS]
 * at both ends (limits replaced through ./precision-limit.ts).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { referenceEvaluate } from '../../src/reference/population-loss.ts';
import { withReferenceLimits } from './precision-limit.ts';

const W = Decimal.clone({ defaults: true, precision: 200 });
const PI = new W(-1).acos();
/** π as a sum of four doubles (to ~65 digits). */
const PI_DIGITS = [3.141592653589793, 1.2246467991473532e-16, -2.9947698097183397e-33, 1.1124542208633653e-49];
/**
 * a* = 0, a = (1, −π₁, −π₂, −π₃, −π₄), w ≠ w* (φ ≈ 0.301, generic): with δ = a − a* and S = 1ᵀδ,
 * 2π ∂L/∂a_0 = (π − 1)·1 + S + h·0 = π − (π₁ + π₂ + π₃ + π₄) ≈ 5.7e-66, a difference of terms ≈ 2:
 * 65 digits cancel. Measured: the loop ends at working precision 130 for 40 digits.
 */
const cancelling = { p: 2, k: 5, w: [0.1, 0.2], wStar: [0.3, -0.1], a: [1, ...PI_DIGITS.map((t) => -t)], aStar: [0, 0, 0, 0, 0] };
const FINAL_PRECISION = 130;

function expectedGradA0(digits: number): string {
  const sum = PI_DIGITS.reduce((s, t) => s.plus(doubleToDecimal(t, W)), new W(0));
  return PI.minus(sum).div(PI.times(2)).toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).toString();
}

const evaluateWith = (limits: Parameters<typeof withReferenceLimits>[0]) =>
  withReferenceLimits(limits, async () => (await import('../../src/reference/population-loss.ts')).referenceEvaluate);

describe('referenceEvaluate: the precision loop at a generic angle', () => {
  it('should refine ∇_a L until it is right when 65 digits cancel (φ generic, h not symbolic)', () => {
    const r = referenceEvaluate(cancelling);
    expect(new W(r.phi).gt(0.3) && new W(r.phi).lt(0.31)).toBe(true);
    expect(r.gradA[0]).toBe(expectedGradA0(40));
    expect(referenceEvaluate(cancelling, { digits: 12 }).gradA[0]).toBe(expectedGradA0(12));
    // The other entries: 2π ∂L/∂a_j = (π − 1)δ_j + S with no cancellation.
    const sum = PI_DIGITS.reduce((s, t) => s.plus(doubleToDecimal(t, W)), new W(0));
    const S = new W(1).minus(sum);
    PI_DIGITS.forEach((t, i) => {
      const exact = PI.minus(1).times(doubleToDecimal(-t, W)).plus(S).div(PI.times(2));
      expect(r.gradA[i + 1]).toBe(exact.toSignificantDigits(40, Decimal.ROUND_HALF_EVEN).toString());
    });
  });

  it('should use working precisions up to and including MAX_WORKING_PRECISION, and name it when it is not enough', async () => {
    expect((await evaluateWith({ MAX_WORKING_PRECISION: FINAL_PRECISION }))(cancelling).gradA[0]).toBe(expectedGradA0(40));
    const capped = await evaluateWith({ MAX_WORKING_PRECISION: FINAL_PRECISION - 1 });
    expect(() => capped(cancelling)).toThrow(new RangeError(`reference: the result cancels beyond ${FINAL_PRECISION - 1} working digits (p = 2, k = 5)`));
  });

  it('should accept digits 1 and MAX_DIGITS and reject 0 and MAX_DIGITS + 1', async () => {
    const ok = { p: 2, k: 2, w: [0.1, 0.2], a: [1, 2], wStar: [0, 0], aStar: [1, 1] };
    expect(referenceEvaluate(ok, { digits: 1 }).loss).toBe('0.3');
    // MAX_DIGITS lowered to 60 (the real 5000 costs seconds per evaluation).
    const evaluate = await evaluateWith({ MAX_DIGITS: 60 });
    expect(evaluate(ok, { digits: 60 }).loss).toBe(referenceEvaluate(ok, { digits: 60 }).loss);
    expect(() => evaluate(ok, { digits: 61 })).toThrow(new RangeError('digits must be an integer in [1, 60] (got 61)'));
    expect(() => evaluate(ok, { digits: 0 })).toThrow(new RangeError('digits must be an integer in [1, 60] (got 0)'));
  });
});
