/**
 * The inputs of the golden reference fixture (fixtures/reference/model-golden.json), generated
 * deterministically: random points from a private seeded generator, plus the hard regimes of
 * THEORY.md §2 (k = 1, p = 1, a = 0, 1ᵀa* = 0, the optimum, φ near 0 and π, ‖e + w‖ = 1e−6 and
 * 1e6, extreme magnitudes, cancellation, k or p = 200).
 *
 * Only IEEE-754 operations that are correctly rounded are used (+, −, ×, /, √, integer
 * arithmetic): no Math.sin/log, whose last bits may differ between JavaScript engines, so the
 * inputs are the same doubles everywhere. The generator stands alone: it does not use
 * src/random/ (a change there must not move the fixture).
 */

/** One model input (THEORY.md §1). */
export interface GoldenInput {
  readonly p: number;
  readonly k: number;
  readonly w: readonly number[];
  readonly a: readonly number[];
  readonly wStar: readonly number[];
  readonly aStar: readonly number[];
}

export interface GoldenCase {
  /** Unique, stable name (used in drift messages). */
  readonly name: string;
  /** What the case exercises. */
  readonly note: string;
  readonly input: GoldenInput;
}

/** The generator's seed (fixed: changing it changes the fixture). */
export const GOLDEN_SEED = 20191209;

/** mulberry32: a 32-bit state generator with integer-only steps. */
class CaseRng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) with 32 random bits. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Approximately standard normal: centred Irwin–Hall sum of 12 uniforms (exact IEEE steps). */
  normal(): number {
    let s = 0;
    for (let i = 0; i < 12; i++) s += this.uniform();
    return s - 6;
  }

  vector(n: number, scale: number): number[] {
    return Array.from({ length: n }, () => this.normal() * scale);
  }
}

/** The next double towards +∞ (for one-ulp perturbations). */
export function nextUp(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  if (x === 0) return Number.MIN_VALUE;
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** A random teacher and student: w* ~ N(0, s²/p), w ~ N(0, 1/p)·t, a*, a ~ N(0, 1). */
function randomInput(rng: CaseRng, k: number, p: number, s = 1, t = 1): GoldenInput {
  const r = 1 / Math.sqrt(p);
  return {
    p,
    k,
    wStar: rng.vector(p, s * r),
    w: rng.vector(p, t * r),
    aStar: rng.vector(k, 1),
    a: rng.vector(k, 1),
  };
}

/** The double nearest to 1/√p times −1, repeated (so e + w is tiny but non-zero). */
function minusE(p: number): number[] {
  return new Array<number>(p).fill(-1 / Math.sqrt(p));
}

/** Scales a direction z to Euclidean norm `norm` in double arithmetic. */
function withNorm(z: readonly number[], norm: number): number[] {
  let s = 0;
  for (const x of z) s += x * x;
  const f = norm / Math.sqrt(s);
  return z.map((x) => x * f);
}

/** The cases of the fixture, in a fixed order. */
export function goldenCases(seed: number = GOLDEN_SEED): GoldenCase[] {
  const rng = new CaseRng(seed);
  const cases: GoldenCase[] = [];
  const add = (name: string, note: string, input: GoldenInput): void => {
    cases.push({ name, note, input });
  };

  for (const [k, p, s] of [
    [3, 4, 1],
    [5, 2, 0.5],
    [2, 9, 2],
    [7, 13, 1],
    [8, 8, 0.5],
    [16, 16, 1],
  ] as const) {
    add(`random-k${k}-p${p}`, `random point, w* ~ N(0, ${s}²/p), p ${Number.isInteger(Math.sqrt(p)) ? 'a perfect square (1/√p rational)' : 'not a square'}`, randomInput(rng, k, p, s));
  }

  add('k1-p1', 'k = 1, p = 1: u, u* are scalars, φ ∈ {0, π}', randomInput(rng, 1, 1, 0.5, 0.5));
  add('k1-p6', 'k = 1', randomInput(rng, 1, 6));
  add('p1-k4-same-side', 'p = 1 with 1 + w, 1 + w* of the same sign: φ = 0 exactly', {
    p: 1, k: 4, wStar: [0.25], w: [3.5], aStar: rng.vector(4, 1), a: rng.vector(4, 1),
  });
  add('p1-k4-opposite', 'p = 1 with 1 + w < 0 < 1 + w*: φ = π exactly (spurious side)', {
    p: 1, k: 4, wStar: [0.5], w: [-2.5], aStar: rng.vector(4, 1), a: rng.vector(4, 1),
  });
  {
    const x = randomInput(rng, 5, 6);
    add('a-zero', 'a = 0: L = [(π−1)‖a*‖² + (1ᵀa*)²]/4π, ∇_w L = 0', { ...x, a: zeros(5) });
  }
  {
    const x = randomInput(rng, 6, 5);
    const h = rng.vector(3, 1);
    add('sum-astar-zero', '1ᵀa* = 0 exactly (a* = [x, −x, y, −y, z, −z])', {
      ...x, aStar: [h[0], -h[0], h[1], -h[1], h[2], -h[2]],
    });
  }
  {
    const x = randomInput(rng, 4, 7);
    add('optimum', 'w = w*, a = a*: loss and gradients exactly 0', { ...x, w: x.wStar, a: x.aStar });
  }
  {
    const a = rng.vector(3, 1);
    add('optimum-ray', 'e + w = c(e + w*) with c > 0 (w, w* constant vectors, p = 7), a = a*: exactly 0', {
      p: 7, k: 3, wStar: new Array<number>(7).fill(0.125), w: new Array<number>(7).fill(1.75), aStar: a, a,
    });
  }
  {
    const x = randomInput(rng, 4, 6);
    const z = rng.vector(6, 1e-12);
    add('phi-near-0-1e-12', 'φ ≈ 1e−12 (w = w* + 1e−12·z)', { ...x, w: x.wStar.map((v, i) => v + z[i]) });
  }
  {
    const x = randomInput(rng, 4, 6);
    add('phi-near-0-ulp', 'φ ≈ 1e−17: w = w* except one entry one ulp up', {
      ...x, w: x.wStar.map((v, i) => (i === 2 ? nextUp(v) : v)),
    });
  }
  {
    const x = randomInput(rng, 4, 6);
    const z = rng.vector(6, 1e-12);
    const e = 1 / Math.sqrt(6);
    add('phi-near-pi-1e-12', 'π − φ ≈ 1e−12 (e + w ≈ −(e + w*))', {
      ...x, w: x.wStar.map((v, i) => -2 * e - v + z[i]),
    });
  }
  {
    const wStar = [0.25, -0.125, 0, 0.375];
    add('phi-near-pi-ulp-p4', 'p = 4 (e = 1/2 exact): e + w = −(e + w*) except one entry one ulp off, π − φ ≈ 1e−16', {
      p: 4, k: 3, wStar, w: [-1.25, -0.875, -1, nextUp(-1.375)], aStar: rng.vector(3, 1), a: rng.vector(3, 1),
    });
  }
  add('phi-half-pi-exact', 'p = 4: e + w = (1,0,0,0), e + w* = (0,1,0,0), φ = π/2 exactly, h = π − 1', {
    p: 4, k: 3, w: [0.5, -0.5, -0.5, -0.5], wStar: [-0.5, 0.5, -0.5, -0.5], aStar: rng.vector(3, 1), a: rng.vector(3, 1),
  });
  add('phi-pi-third', 'p = 4, w* = 0, e + w = (1,0,0,0): φ = π/3 exactly', {
    p: 4, k: 2, w: [0.5, -0.5, -0.5, -0.5], wStar: zeros(4), aStar: [1, -0.5], a: [0.75, 0.25],
  });
  add('grad-a-zero-at-pi', 'k = p = 1, a = 0, φ = π: ∇_a L = 0 exactly (a stationary point)', {
    p: 1, k: 1, w: [-3], wStar: [0], a: [0], aStar: [1.5],
  });
  add('grad-w-component-zero', 'p = 3, w = [0, t, t], w* = [0, t − δ, t + δ]: (v* − cos φ v)_0 = 0 exactly', {
    p: 3, k: 2, w: [0, 0.25, 0.25], wStar: [0, 0.125, 0.375], aStar: [1, 0.5], a: [0.5, 1],
  });
  {
    const x = randomInput(rng, 4, 5);
    const z = withNorm(rng.vector(5, 1), 1e-6);
    add('norm-u-1e-6', '‖e + w‖ ≈ 1e−6 (w = fl(−1/√p) + 1e−6·z)', { ...x, w: minusE(5).map((v, i) => v + z[i]) });
  }
  {
    const x = randomInput(rng, 4, 5);
    add('norm-u-1e6', '‖e + w‖ ≈ 1e6', { ...x, w: withNorm(rng.vector(5, 1), 1e6) });
  }
  add('extreme-magnitudes', 'subnormal and huge entries (exact conversion, wide exponent range)', {
    p: 3, k: 2, wStar: [5e-324, 0, -1e-310], w: [1e-300, 2.5e-320, 0.5], a: [1e-200, 1e200], aStar: [3e-250, -1e199],
  });
  add('tiny-angle-1e-300', 'φ ≈ 1e−300 (w differs from w* by 1e−300 in one entry)', {
    p: 5, k: 2, wStar: [0.1, 0, 0.05, 0.3, -0.15], w: [0.1, 1e-300, 0.05, 0.3, -0.15], aStar: [1, -0.5], a: [0.9, -0.4],
  });
  add('cancel-grad-a', 'φ = 0, 2π∂L/∂a_0 = (π−1)·1 + S with S ≈ 1 − π to 65 digits (a sum of the double-quad digits of π)', {
    p: 2, k: 5, w: [0.1, 0.2], wStar: [0.1, 0.2],
    a: [1, -3.141592653589793, -1.2246467991473532e-16, 2.9947698097183397e-33, -1.1124542208633653e-49], aStar: zeros(5),
  });
  add('k200-p200', 'k = p = 200, random', randomInput(rng, 200, 200, 1));
  add('k200-p3', 'k = 200, p = 3, random', randomInput(rng, 200, 3, 0.5));
  add('k2-p200', 'k = 2, p = 200, random', randomInput(rng, 2, 200, 2));
  return cases;
}
