/**
 * P4 (THEORY.md §7): mini-batch SGD with a fresh Gaussian batch of size B every step, k = p = 16,
 * s = 0.5, α = 0.5, β = 1, T = 5000, B ∈ {16, 64, 256, 1024}. A trial is one seed (the same
 * teacher and start for every B: paired). Per cell: φ_T and the final population loss (median and
 * geometric mean over trials), and the outcome counts; the summary fits log(median L_T) against
 * log B (a slope near −1 is what a gradient-noise variance ∝ 1/B predicts).
 */
import { P4_BATCHES, p4Run } from '../p4-sgd.ts';
import { fitLine } from '../../stats/line-fit.ts';
import { quantiles } from '../../stats/quantile.ts';
import type { CellOutput, ChunkResult, Protocol } from './protocol.ts';

export interface P4SweepCell {
  readonly batch: number;
}

const CELLS: readonly P4SweepCell[] = P4_BATCHES.map((batch) => ({ batch }));

export const p4Protocol: Protocol<P4SweepCell> = {
  name: 'P4',
  defaultTrials: 8,
  chunkSize: 1,
  cells: () => CELLS,
  runChunk(cell, _index, seed, from, to): ChunkResult {
    const runs = [];
    for (let trial = from; trial < to; trial++) {
      const r = p4Run(seed, trial, cell.batch);
      runs.push({ phi: r.phi, loss: r.loss, outcome: r.outcome });
    }
    return { runs };
  },
  mergeCell(cell, _index, trials, chunks): CellOutput {
    const runs = chunks.flatMap((c) => c.runs as { phi: number; loss: number; outcome: string }[]);
    const finite = runs.filter((r) => Number.isFinite(r.loss));
    const [medianLoss] = finite.length > 0 ? quantiles(finite.map((r) => r.loss), [0.5]) : [null];
    const [medianPhi] = finite.length > 0 ? quantiles(finite.map((r) => r.phi), [0.5]) : [null];
    const geometricMeanLoss =
      finite.length > 0 ? Math.exp(finite.reduce((s, r) => s + Math.log(Math.max(r.loss, 1e-300)), 0) / finite.length) : null;
    return {
      k: 16,
      p: 16,
      s: 0.5,
      alpha: 0.5,
      beta: 1,
      batch: cell.batch,
      trials,
      global: runs.filter((r) => r.outcome === 'global').length,
      spurious: runs.filter((r) => r.outcome === 'spurious').length,
      medianLoss,
      geometricMeanLoss,
      medianPhi,
      finalLoss: runs.map((r) => (Number.isFinite(r.loss) ? r.loss : null)),
      finalPhi: runs.map((r) => (Number.isFinite(r.phi) ? r.phi : null)),
    };
  },
  summarize(cells): Record<string, unknown> {
    const points = cells.filter((c) => typeof c.medianLoss === 'number' && (c.medianLoss as number) > 0);
    if (points.length < 3) return { lossSlope: null };
    const fit = fitLine(
      points.map((c) => Math.log(c.batch as number)),
      points.map((c) => Math.log(c.medianLoss as number)),
    );
    return { lossSlope: fit.slope, lossSlopeStandardError: fit.slopeStandardError };
  },
};
