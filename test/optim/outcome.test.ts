/**
 * The outcome classification of src/optim/outcome.ts (THEORY.md §7): after T steps **global** if
 * φ_T < 0.01 and ‖a_T − a*‖ < 0.01‖a*‖, **spurious** if φ_T > π − 0.1, else **undecided**; a
 * non-finite final state is **diverged**. The thresholds are written out here from THEORY.md, not
 * read from the module, and each inequality is checked on both sides of its boundary.
 */
import { describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../src/optim/outcome.ts';

const A_STAR_NORM = 2.5;

describe('outcome classification (THEORY.md §7)', () => {
  it('should call a state global only when both φ_T < 0.01 and ‖a_T − a*‖ < 0.01‖a*‖', () => {
    expect(classifyOutcome(0, 0, A_STAR_NORM)).toBe('global');
    expect(classifyOutcome(0.0099, 0.0249, A_STAR_NORM)).toBe('global');
    // The a-condition is relative to ‖a*‖: 0.0249 < 0.01·2.5, but not < 0.01·1.
    expect(classifyOutcome(0.0099, 0.0249, 1)).toBe('undecided');
    expect(classifyOutcome(0, 1, A_STAR_NORM)).toBe('undecided');
  });

  it('should put the global boundaries on the undecided side (strict inequalities)', () => {
    expect(classifyOutcome(0.01, 0, A_STAR_NORM)).toBe('undecided');
    expect(classifyOutcome(0, 0.01 * A_STAR_NORM, A_STAR_NORM)).toBe('undecided');
    expect(classifyOutcome(Math.PI / 2, 0, A_STAR_NORM)).toBe('undecided');
  });

  it('should call a state spurious when φ_T > π − 0.1, whatever a_T is', () => {
    expect(classifyOutcome(Math.PI, 0, A_STAR_NORM)).toBe('spurious');
    expect(classifyOutcome(Math.PI - 0.0999, 100, A_STAR_NORM)).toBe('spurious');
    expect(classifyOutcome(Math.PI - 0.1, 100, A_STAR_NORM)).toBe('undecided');
    expect(classifyOutcome(Math.PI - 0.1001, 0, A_STAR_NORM)).toBe('undecided');
  });

  it('should call a non-finite φ_T or ‖a_T − a*‖ diverged', () => {
    expect(classifyOutcome(NaN, 0, A_STAR_NORM)).toBe('diverged');
    expect(classifyOutcome(0, NaN, A_STAR_NORM)).toBe('diverged');
    expect(classifyOutcome(0, Infinity, A_STAR_NORM)).toBe('diverged');
    expect(classifyOutcome(Infinity, 0, A_STAR_NORM)).toBe('diverged');
  });
});
