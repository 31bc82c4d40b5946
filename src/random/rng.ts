/**
 * The project's one source of randomness: a seeded xoroshiro128+ stream, with uniform and Gaussian
 * draws. The generator is pure-rand's xoroshiro128plus (the one fast-check uses), inlined here
 * draw for draw — same seeding, same 32-bit outputs — because the hot loops (Gaussian batches of
 * 10⁵–10⁶ entries per SGD step) pay for every call through an object. No module calls `Math.random`; every
 * random quantity flows from an `Rng` passed in explicitly, so a seed replays a run exactly.
 *
 * Independent streams (one per trial, per worker, per cell) come from {@link deriveSeed}, a
 * splitmix-style hash of a base seed and integer indices, so that a trial's draws depend only on
 * (seed, indices) and never on which worker or shard ran it.
 */
const TWO_POW_M53 = 2 ** -53;

/** A 32-bit avalanche mix (the finaliser of MurmurHash3 / splitmix32). */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * Derives an independent 32-bit seed from a base seed and a path of non-negative integers
 * (e.g. `deriveSeed(seed, cell, trial)`).
 */
export function deriveSeed(seed: number, ...path: readonly number[]): number {
  let h = mix32((seed | 0) ^ 0x9e3779b9);
  for (const index of path) {
    h = mix32(h + Math.imul((index | 0) + 0x7f4a7c15, 0x9e3779b1));
  }
  return h;
}

export class Rng {
  // xoroshiro128+ state as four 32-bit halves (pure-rand's layout and seeding).
  private s01: number;
  private s00: number;
  private s11: number;
  private s10: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be an integer (got ${seed})`);
    }
    this.s01 = -1;
    this.s00 = ~(seed | 0);
    this.s11 = seed | 0;
    this.s10 = 0;
  }

  /** The next 32-bit output as a signed integer (xoroshiro128+, as pure-rand's `next()`). */
  next(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** A stream independent of this one for the given index path (see {@link deriveSeed}). */
  static derived(seed: number, ...path: readonly number[]): Rng {
    return new Rng(deriveSeed(seed, ...path));
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.next() >>> 5; // 27 bits
    const lo = this.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.next() >>> 0;
  }

  /** A standard normal draw (Marsaglia's polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let x: number;
    let y: number;
    let r: number;
    do {
      x = 2 * this.uniform() - 1;
      y = 2 * this.uniform() - 1;
      r = x * x + y * y;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spare = y * f;
    this.hasSpare = true;
    return x * f;
  }

  /** Fills `out` with independent standard normal draws and returns it. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}
