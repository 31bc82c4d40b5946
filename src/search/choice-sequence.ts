/**
 * Hypothesis-style choice sequences for fast-check: a pure-rand `RandomGenerator` that replays a
 * recorded list of 32-bit draws and records fresh ones past its end. Any arbitrary generated from
 * it is a deterministic function of the list, so editing a few entries of the list moves the
 * generated hypothesis a little — inside the hypothesis set, whatever the arbitrary's invariants —
 * which is what the targeted search mutates (see ./targeted-search.ts).
 */
import fc from 'fast-check';
import { Rng } from '../random/rng.ts';

/** The shared record: the draws so far, and the stream that supplies new ones. */
interface ChoiceLog {
  readonly draws: number[];
  readonly fresh: Rng;
}

class ChoiceGenerator {
  constructor(
    private readonly log: ChoiceLog,
    private position: number,
  ) {}

  clone(): ChoiceGenerator {
    return new ChoiceGenerator(this.log, this.position);
  }

  next(): number {
    const draws = this.log.draws;
    if (this.position >= draws.length) draws.push(this.log.fresh.uint32() | 0);
    return draws[this.position++];
  }

  getState(): readonly number[] {
    return [this.position];
  }
}

/** A generated value with the draws that produced it and fast-check's shrink context. */
export interface Generated<T> {
  readonly value: T;
  readonly context: unknown;
  /** The draws actually consumed (a prefix of the log). */
  readonly draws: number[];
}

/**
 * Generates one value of `arb` from `prefix` (replayed) followed by fresh draws from `seed`.
 * The result's `draws` reproduce it exactly.
 */
export function generateFrom<T>(arb: fc.Arbitrary<T>, prefix: readonly number[], seed: number): Generated<T> {
  const log: ChoiceLog = { draws: [...prefix], fresh: new Rng(seed) };
  const source = new ChoiceGenerator(log, 0);
  const mrng = new fc.Random(source);
  const v = arb.generate(mrng, undefined);
  return { value: v.value, context: v.context, draws: log.draws };
}

/**
 * A neighbour of a draw list: 1 to 3 entries replaced, either by a fresh draw or by flipping a few
 * low bits (a small move of the double or integer they feed).
 */
export function mutateDraws(draws: readonly number[], rng: Rng): number[] {
  const out = [...draws];
  if (out.length === 0) return out;
  const edits = 1 + Math.floor(rng.uniform() * 3);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rng.uniform() * out.length);
    if (rng.uniform() < 0.5) {
      out[i] = rng.uint32() | 0;
    } else {
      const bits = 1 + Math.floor(rng.uniform() * 24);
      out[i] = (out[i] ^ (1 << Math.floor(rng.uniform() * bits))) | 0;
    }
  }
  return out;
}
