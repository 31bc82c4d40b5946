/**
 * Targeted search (after Hypothesis's `target()`): climbs a claim's margin towards violation.
 * Hypotheses are generated from choice sequences (./choice-sequence.ts); a pool of the lowest-margin
 * samples is kept, and most new samples are small mutations of a pool member's draws (so they stay
 * inside the hypothesis set by construction), the rest fresh draws that keep the search global.
 * Stops at the first sample with margin < 0 (or below `stopBelow`), or when the time budget or the
 * sample budget ends.
 */
import type fc from 'fast-check';
import { Rng } from '../random/rng.ts';
import { generateFrom, mutateDraws, type Generated } from './choice-sequence.ts';

export interface SearchProgress {
  readonly elapsedMs: number;
  readonly samples: number;
  readonly bestMargin: number;
}

export interface SearchResult<T> {
  /** The lowest-margin sample seen (a violation when its margin < 0). */
  readonly best: (Generated<T> & { margin: number }) | null;
  readonly samples: number;
  readonly elapsedMs: number;
}

/** Pool size and the share of mutated (vs fresh) samples. */
const POOL = 8;
const MUTATE_SHARE = 0.75;

export function targetedSearch<T>(
  arb: fc.Arbitrary<T>,
  margin: (h: T) => number,
  options: {
    seed: number;
    timeMs: number;
    onProgress?: (p: SearchProgress) => void;
    maxSamples?: number;
    /** Stop at the first margin below this (default 0: a violation); −∞ searches the whole budget. */
    stopBelow?: number;
  },
): SearchResult<T> {
  const start = performance.now();
  const rng = new Rng(options.seed);
  const pool: (Generated<T> & { margin: number })[] = [];
  let samples = 0;
  let lastReport = start;
  const maxSamples = options.maxSamples ?? Number.POSITIVE_INFINITY;
  const stopBelow = options.stopBelow ?? 0;
  while (performance.now() - start < options.timeMs && samples < maxSamples) {
    const parent = pool.length > 0 && rng.uniform() < MUTATE_SHARE ? pool[Math.floor(rng.uniform() * pool.length)] : null;
    const draws = parent === null ? [] : mutateDraws(parent.draws, rng);
    const g = generateFrom(arb, draws, rng.uint32() | 0);
    const m = margin(g.value);
    samples++;
    const sample = { ...g, margin: Number.isNaN(m) ? Infinity : m };
    pool.push(sample);
    pool.sort((x, y) => x.margin - y.margin);
    if (pool.length > POOL) pool.pop();
    const now = performance.now();
    if (options.onProgress !== undefined && now - lastReport > 1000) {
      lastReport = now;
      options.onProgress({ elapsedMs: now - start, samples, bestMargin: pool[0].margin });
    }
    if (sample.margin < stopBelow) break;
  }
  return { best: pool[0] ?? null, samples, elapsedMs: performance.now() - start };
}
