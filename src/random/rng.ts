/**
 * The project's one source of randomness: a seeded xoroshiro128+ stream (pure-rand, the generator
 * fast-check itself uses), with uniform and Gaussian draws. No module calls `Math.random`; every
 * random quantity flows from an `Rng` passed in explicitly, so a seed replays a run exactly.
 *
 * Independent streams (one per trial, per worker, per cell) come from {@link deriveSeed}, a
 * splitmix-style hash of a base seed and integer indices, so that a trial's draws depend only on
 * (seed, indices) and never on which worker or shard ran it.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

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
  private readonly gen: Generator;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be an integer (got ${seed})`);
    }
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** A stream independent of this one for the given index path (see {@link deriveSeed}). */
  static derived(seed: number, ...path: readonly number[]): Rng {
    return new Rng(deriveSeed(seed, ...path));
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.gen.next() >>> 0;
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
