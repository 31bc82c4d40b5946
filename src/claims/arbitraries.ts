/**
 * Hypotheses built by construction (CONVENTIONS.md "Applied here" 2): a teacher at a prescribed
 * shortcut angle φ_0, a point at a prescribed angle φ from v*, a second layer with a prescribed sign
 * of aᵀa*, an a_0 anywhere in the initialization ball including its boundary and the worst
 * direction −a* / ‖a*‖. Nothing is drawn by rejection; every value is a plain JSON-able object whose
 * doubles survive a JSON round trip bit for bit.
 */
import fc from 'fast-check';
import { atAngle, someOrthogonalUnit } from '../theory/geometry.ts';

/**
 * A double in [min, max] from 53 random bits, shrinking towards min: min + (max − min)·t with
 * t ≤ 1 − 2⁻⁵³, which rounds to at most max (max itself is reached, e.g. on [−0.3, 0.7]). Uniform
 * but for fast-check's bias, which draws the integers near their ends more often (measured with
 * fc.sample on [−0.3, 0.7]: about 15% of the draws within 1e-6 of min, 7% of max): the edges of
 * each range are sampled on purpose. (fc.double draws uniformly over the *index* of doubles, so
 * fc.double({min: 0, max: 1}) is mostly below 1e-100 and a vector of them points along an axis:
 * the wrong measure for angles, radii and step sizes.)
 */
export function finiteDouble(min: number, max: number): fc.Arbitrary<number> {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
    throw new RangeError(`finiteDouble needs finite min ≤ max (got ${min}, ${max})`);
  }
  return fc
    .tuple(fc.integer({ min: 0, max: 2 ** 26 - 1 }), fc.integer({ min: 0, max: 2 ** 27 - 1 }))
    .map(([hi, lo]) => min + (max - min) * ((hi * 2 ** 27 + lo) / 2 ** 53));
}

/** A double log-uniform in [min, max] (0 < min ≤ max), for scales spanning decades. */
export function logUniform(min: number, max: number): fc.Arbitrary<number> {
  if (!(min > 0 && max >= min)) throw new RangeError(`logUniform needs 0 < min ≤ max (got ${min}, ${max})`);
  const lo = Math.log(min);
  const hi = Math.log(max);
  return finiteDouble(0, 1).map((t) => Math.min(max, Math.exp(lo + (hi - lo) * t)));
}

/** A vector of `dim` doubles in [−1, 1]. */
export function rawVector(dim: number): fc.Arbitrary<number[]> {
  return fc.array(finiteDouble(-1, 1), { minLength: dim, maxLength: dim });
}

/** x/‖x‖, or the first axis when x = 0. */
export function normalized(x: readonly number[]): number[] {
  const norm = Math.hypot(...x);
  if (!(norm > 1e-150)) return x.map((_, i) => (i === 0 ? 1 : 0));
  return x.map((xi) => xi / norm);
}

/** ê = 1_p/√p as a Float64Array. */
export function shortcutUnit(p: number): Float64Array {
  return new Float64Array(p).fill(1 / Math.sqrt(p));
}

/** The teacher part of a hypothesis. */
export interface TeacherHypothesis {
  readonly p: number;
  readonly k: number;
  readonly wStar: number[];
  readonly aStar: number[];
  /** φ_0 = ∠(e, e + w*), as constructed. */
  readonly phi0: number;
}

export interface TeacherOptions {
  readonly pMax: number;
  readonly kMax: number;
  /** φ_0 is drawn in [phi0Min, phi0Max] (radians). */
  readonly phi0Min?: number;
  readonly phi0Max: number;
  /** ‖a*‖ is drawn in [aStarNormMin, aStarNormMax]. */
  readonly aStarNormMin?: number;
  readonly aStarNormMax?: number;
  readonly pMin?: number;
  readonly kMin?: number;
}

/**
 * A teacher with e + w* at angle φ_0 from e (‖e + w*‖ ∈ [0.5, 2]; the loss depends on w* only
 * through v*), and a* = ‖a*‖·(unit direction). For p = 1, φ_0 is 0 or π only (see atAngle).
 */
export function teacherArb(o: TeacherOptions): fc.Arbitrary<TeacherHypothesis> {
  return fc
    .record({
      p: fc.integer({ min: o.pMin ?? 1, max: o.pMax }),
      k: fc.integer({ min: o.kMin ?? 1, max: o.kMax }),
    })
    .chain(({ p, k }) =>
      fc
        .record({
          phi0: finiteDouble(o.phi0Min ?? 0, o.phi0Max),
          rStar: finiteDouble(0.5, 2),
          direction: rawVector(p),
          aDirection: rawVector(k),
          aNorm: finiteDouble(o.aStarNormMin ?? 0.1, o.aStarNormMax ?? 10),
        })
        .map(({ phi0, rStar, direction, aDirection, aNorm }) => {
          const ehat = shortcutUnit(p);
          const q = someOrthogonalUnit(direction, ehat);
          const uStar = atAngle(ehat, q, phi0, rStar);
          const e = 1 / Math.sqrt(p);
          const wStar = Array.from(uStar, (x) => x - e);
          const aStar = normalized(aDirection).map((x) => aNorm * x);
          return { p, k, wStar, aStar, phi0: q === null ? (phi0 < Math.PI / 2 ? 0 : Math.PI) : phi0 };
        }),
    );
}

/**
 * a_0 in the ball B(0, radius): radius·ρ·d with ρ ∈ [0, 1] (ρ = 1, the boundary, drawn often) and
 * d uniform-ish on the sphere, or the worst direction −a* / ‖a*‖, or the best a* / ‖a*‖.
 */
export function ballPointArb(aStar: readonly number[], radius: number): fc.Arbitrary<number[]> {
  const k = aStar.length;
  const unitAStar = normalized(aStar);
  const direction = fc.oneof(
    { weight: 2, arbitrary: rawVector(k).map(normalized) },
    { weight: 1, arbitrary: fc.constant(unitAStar.map((x) => -x)) },
    { weight: 1, arbitrary: fc.constant(unitAStar) },
  );
  const rho = fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: finiteDouble(0, 1) });
  return fc.tuple(direction, rho).map(([d, r]) => d.map((x) => radius * r * x));
}

/**
 * A student (w, a) at angle φ ∈ [phiMin, phiMax] from v* with ‖e + w‖ ∈ [rMin, rMax], and a with
 * aᵀa* of the requested sign: a = c·a* / ‖a*‖ + (orthogonal part), c of that sign.
 */
export function studentArb(
  t: TeacherHypothesis,
  o: { phiMin: number; phiMax: number; rMin: number; rMax: number; sign: 1 | -1; aScale: number },
): fc.Arbitrary<{ w: number[]; a: number[]; phi: number }> {
  const { p, k } = t;
  return fc
    .record({
      phi: finiteDouble(o.phiMin, o.phiMax),
      r: finiteDouble(o.rMin, o.rMax),
      direction: rawVector(p),
      along: finiteDouble(1e-3, 1),
      orth: rawVector(k),
    })
    .map(({ phi, r, direction, along, orth }) => {
      const e = 1 / Math.sqrt(p);
      const uStar = Float64Array.from(t.wStar, (x) => x + e);
      const vStar = Float64Array.from(normalized(Array.from(uStar)));
      const q = someOrthogonalUnit(direction, vStar);
      const u = atAngle(vStar, q, phi, r);
      const w = Array.from(u, (x) => x - e);
      const aHat = Float64Array.from(normalized(t.aStar));
      const orthUnit = someOrthogonalUnit(orth, aHat);
      const a = Array.from(aHat, (x, j) => o.aScale * (o.sign * along * x + (orthUnit === null ? 0 : 0.5 * orthUnit[j])));
      return { w, a, phi: q === null ? (phi < Math.PI / 2 ? 0 : Math.PI) : phi };
    });
}
