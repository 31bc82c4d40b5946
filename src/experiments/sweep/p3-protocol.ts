/**
 * P3 (THEORY.md §7): iteration complexity. Cells k = p ∈ {4, 8, …, 256}; per cell, the steps until
 * L ≤ 1e-8·L(w_0, a_0) of each trial (s = 0.5, α = β = 1, ball init), their median and 90% quantile
 * over the trials that reached the target; the summary fits log(median steps) = c + d·log k by least
 * squares and reports the degree d with its standard error.
 */
import { p3Trial } from '../p3-iterations.ts';
import { fitLine } from '../../stats/line-fit.ts';
import { quantiles } from '../../stats/quantile.ts';
import type { CellOutput, ChunkResult, Protocol } from './protocol.ts';

export interface P3SweepCell {
  readonly k: number;
}

const CELLS: readonly P3SweepCell[] = [4, 8, 16, 32, 64, 128, 256].map((k) => ({ k }));

export const p3Protocol: Protocol<P3SweepCell> = {
  name: 'P3',
  defaultTrials: 50,
  chunkSize: 5,
  cells: () => CELLS,
  runChunk(cell, _index, seed, from, to): ChunkResult {
    const steps: number[] = [];
    const reached: boolean[] = [];
    const outcomes: string[] = [];
    for (let trial = from; trial < to; trial++) {
      const r = p3Trial(seed, cell.k, trial);
      steps.push(r.steps);
      reached.push(r.reached);
      outcomes.push(r.outcome);
    }
    return { steps, reached, outcomes };
  },
  mergeCell(cell, _index, trials, chunks): CellOutput {
    const steps = chunks.flatMap((c) => c.steps as number[]);
    const reached = chunks.flatMap((c) => c.reached as boolean[]);
    const outcomes = chunks.flatMap((c) => c.outcomes as string[]);
    const done = steps.filter((_, i) => reached[i]);
    const [median, q90] = done.length > 0 ? quantiles(done, [0.5, 0.9]) : [null, null];
    return {
      k: cell.k,
      p: cell.k,
      s: 0.5,
      alpha: 1,
      beta: 1,
      trials,
      reached: done.length,
      spurious: outcomes.filter((o) => o === 'spurious').length,
      medianSteps: median,
      q90Steps: q90,
      steps,
    };
  },
  summarize(cells): Record<string, unknown> {
    const points = cells.filter((c) => typeof c.medianSteps === 'number' && (c.medianSteps as number) > 0);
    if (points.length < 3) return { degree: null, degreeStandardError: null, note: 'fewer than 3 cells reached the target' };
    const fit = fitLine(
      points.map((c) => Math.log(c.k as number)),
      points.map((c) => Math.log(c.medianSteps as number)),
    );
    return { degree: fit.slope, degreeStandardError: fit.slopeStandardError, intercept: fit.intercept };
  },
};
