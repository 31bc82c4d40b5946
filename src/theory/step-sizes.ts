/**
 * Step sizes of THEORY.md §7 and the a-block stability threshold of D4:
 *
 *   η_a = α · 2π/(π − 1 + k),   η_w = β · η_a,
 *
 * and the frozen-w a-iteration a ← a − η_a ∇_a L converges iff η_a < 4π/(π − 1 + k) (D4), i.e. α < 2.
 */

/** 2π/(π − 1 + k): the a-step of α = 1 (the theorem's bound η_a ≤ 2π/(π−1+k)). */
export function unitStepA(k: number): number {
  return (2 * Math.PI) / (Math.PI - 1 + k);
}

/** 4π/(π − 1 + k): the a-iteration's stability threshold (D4). */
export function stabilityThresholdA(k: number): number {
  return (4 * Math.PI) / (Math.PI - 1 + k);
}

export interface StepSizes {
  readonly etaA: number;
  readonly etaW: number;
}

/** η_a = α·2π/(π−1+k), η_w = β·η_a. */
export function protocolStepSizes(k: number, alpha: number, beta: number): StepSizes {
  const etaA = alpha * unitStepA(k);
  return { etaA, etaW: beta * etaA };
}
