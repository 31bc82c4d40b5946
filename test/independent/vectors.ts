/**
 * Plain vector formulas for the tests' independent recomputations, sharing no code with src/: the
 * dot product, the Euclidean norm, the angle between two vectors (acos of the clamped cosine) and
 * the a-block's unit step 2π/(π − 1 + k), half its stability threshold 4π/(π − 1 + k) (THEORY.md
 * §3 D4).
 */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

export function norm(x: ArrayLike<number>): number {
  return Math.sqrt(dot(x, x));
}

export function angle(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return Math.acos(Math.max(-1, Math.min(1, dot(x, y) / (norm(x) * norm(y)))));
}

export function unitStepA(k: number): number {
  return (2 * Math.PI) / (Math.PI - 1 + k);
}
