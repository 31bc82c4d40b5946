/**
 * The teacher (w*, a*) of THEORY.md §1 with the quantities every loss evaluation reuses:
 * e = 1_p/√p, u* = e + w*, ‖u*‖, v* = u* / ‖u*‖, ‖a*‖² and 1ᵀa*. Computed once per teacher, so the
 * hot kernels never recompute invariants.
 */
import { dot2, sum2, twoProduct } from './compensated-sum.ts';
import { scaledNorm } from './vector-norm.ts';

export interface Teacher {
  readonly p: number;
  readonly k: number;
  /** e_i = 1/√p, the shortcut direction's (equal) component. */
  readonly e: number;
  /** The rounding error of e: 1/√p = e + eLo to about 106 bits (so e + w can be formed in double-double). */
  readonly eLo: number;
  readonly wStar: Float64Array;
  readonly aStar: Float64Array;
  /** u* = e + w*. */
  readonly uStar: Float64Array;
  /** ‖e + w*‖ > 0. */
  readonly normUStar: number;
  /** v* = (e + w*)/‖e + w*‖. */
  readonly vStar: Float64Array;
  /**
   * The direction of v* to about 106 bits: (u* + its rounding, with e's)/‖u*‖ = vStar + vStarLo
   * componentwise (a scale error of ‖u*‖ remains, which moves no angle). Used where φ or π − φ
   * comes from a small d or s: there v*'s rounding would otherwise be the angle's error.
   */
  readonly vStarLo: Float64Array;
  /** ‖a*‖². */
  readonly aStarNormSq: number;
  /** 1ᵀa*. */
  readonly aStarSum: number;
}

/** The shortcut component 1/√p of e = 1_p/√p. */
export function shortcutComponent(p: number): number {
  return 1 / Math.sqrt(p);
}

/**
 * 1/√p − e for e = fl(1/√p): one Newton step on r² = 1/p with the residual 1 − p·e² formed
 * exactly by Dekker's TwoProduct, so e + eLo carries 1/√p to about 106 bits.
 */
export function shortcutRoundingError(p: number, e: number): number {
  const [sqHi, sqLo] = twoProduct(e, e);
  const [pHi, pLo] = twoProduct(p, sqHi);
  const residual = 1 - pHi - pLo - p * sqLo; // 1 − p·e², tiny; 1 − pHi is exact (Sterbenz)
  return (e * residual) / 2;
}

/**
 * Builds a teacher. Throws a RangeError naming the offending value when p or k is not a positive
 * integer, a vector has the wrong length or a non-finite entry, or e + w* = 0.
 */
export function makeTeacher(wStar: Float64Array, aStar: Float64Array): Teacher {
  const p = wStar.length;
  const k = aStar.length;
  if (p < 1) throw new RangeError('wStar must have length p ≥ 1 (got 0)');
  if (k < 1) throw new RangeError('aStar must have length k ≥ 1 (got 0)');
  assertFinite('wStar', wStar);
  assertFinite('aStar', aStar);
  const e = shortcutComponent(p);
  const uStar = new Float64Array(p);
  for (let i = 0; i < p; i++) uStar[i] = e + wStar[i];
  // ‖u*‖ to full precision (Dot2), since every loss evaluation divides by it; scaled when a square
  // overflows (Dot2 then returns NaN, from TwoProduct's split, which fails the test as well). No
  // underflow guard: a non-zero u*_i = fl(e + w*_i) is at least ulp(e)/2 ≥ 2⁻⁷⁰ for p ≤ 2³², so
  // ‖u*‖² is 0 (refused below) or ≥ 1e-42.
  const normSq = dot2(uStar, uStar);
  const inRange = normSq < 1e280;
  const normUStar = inRange ? Math.sqrt(normSq) : scaledNorm(uStar);
  if (!(normUStar > 0)) throw new RangeError('e + wStar must be non-zero (got e + wStar = 0)');
  const vStar = new Float64Array(p);
  for (let i = 0; i < p; i++) vStar[i] = uStar[i] / normUStar;
  const eLo = shortcutRoundingError(p, e);
  const vStarLo = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    // u*_i = uStar_i + lo exactly to ~106 bits (TwoSum of e + w*_i, plus e's error); then the
    // remainder u*_i − vStar_i·‖u*‖, with the product's error from TwoProduct (uStar_i − prod is
    // exact: the two are within a rounding of each other).
    const wi = wStar[i];
    const ui = uStar[i];
    const z = ui - e;
    const lo = (e - (ui - z)) + (wi - z) + eLo;
    const [prod, prodErr] = twoProduct(vStar[i], normUStar);
    vStarLo[i] = inRange ? ((ui - prod) - prodErr + lo) / normUStar : 0; // (out of range: TwoProduct's split overflows)
  }
  return {
    p,
    k,
    e,
    eLo,
    wStar: Float64Array.from(wStar),
    aStar: Float64Array.from(aStar),
    uStar,
    normUStar,
    vStar,
    vStarLo,
    aStarNormSq: dot2(aStar, aStar),
    aStarSum: sum2(aStar),
  };
}

/** Throws a RangeError naming `name` and the first non-finite index. */
export function assertFinite(name: string, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${name}[${i}] must be finite (got ${x[i]})`);
  }
}
