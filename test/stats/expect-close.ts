/** |actual − expected| ≤ tol·|expected| (relative closeness; expected ≠ 0). */
import { expect } from 'vitest';

export function expectRelClose(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol);
}
