/**
 * P2 (THEORY.md §7): the trapping threshold along a_0(s) = s·a* / ‖a*‖² (w_0 = 0, α = 1, T = 20000).
 * The grid asks how ε varies with ‖w*‖ (P1's scale s of w* = s·ξ/√p), k = p and β — the rebuttal
 * calls ε "hard to characterize". A trial is one teacher (with the shortcut prior); per teacher the
 * switches of the outcome along s with their brackets, and ε = −(the switch point) when the line is
 * spurious below and global above with the switch below 0. The first teacher's scanned points are
 * kept for plotting the outcome against a_0ᵀa*.
 */
import { P2_DEFAULTS, p2Instance, p2Scan } from '../p2-threshold.ts';
import { quantiles } from '../../stats/quantile.ts';
import type { CellOutput, ChunkResult, Protocol } from './protocol.ts';

export interface P2SweepCell {
  readonly k: number;
  readonly scale: number;
  readonly beta: number;
}

const CELLS: readonly P2SweepCell[] = [4, 16].flatMap((k) =>
  [0.25, 0.5, 1].flatMap((scale) => [1, 10].map((beta) => ({ k, scale, beta }))),
);

/** One teacher's threshold scan along a* (offset 0), as stored in the sweep output. */
export function p2TeacherScan(seed: number, k: number, scale: number, beta: number, index: number): Record<string, unknown> {
  const inst = p2Instance(seed, k, scale, index);
  const result = p2Scan(inst, { ...P2_DEFAULTS, beta });
  const line = result.lines[0];
  return {
    index,
    phi0: inst.phi0,
    wStarNorm: inst.wStarNorm,
    aStarNorm: inst.aStarNorm,
    sMax: inst.sMax,
    separation: result.separation.kind,
    switches: line.scan.switches.map((w) => ({ below: w.below, above: w.above, lo: w.lo, hi: w.hi, point: w.point, resolved: w.resolved })),
    epsilon: result.epsilon,
    points: line.scan.points.map((p) => ({ s: p.x, outcome: p.outcome })),
  };
}

export const p2Protocol: Protocol<P2SweepCell> = {
  name: 'P2',
  defaultTrials: 4,
  chunkSize: 1,
  cells: () => CELLS,
  runChunk(cell, _index, seed, from, to): ChunkResult {
    const teachers = [];
    for (let i = from; i < to; i++) teachers.push(p2TeacherScan(seed, cell.k, cell.scale, cell.beta, i));
    return { teachers };
  },
  mergeCell(cell, _index, trials, chunks): CellOutput {
    const teachers = chunks.flatMap((c) => c.teachers as Record<string, unknown>[]);
    const eps = teachers.flatMap((t) => (t.epsilon === null ? [] : [(t.epsilon as { value: number }).value]));
    const [median] = eps.length > 0 ? quantiles(eps, [0.5]) : [null];
    return {
      k: cell.k,
      p: cell.k,
      scale: cell.scale,
      alpha: 1,
      beta: cell.beta,
      trials,
      separated: teachers.filter((t) => t.separation === 'separated').length,
      noSwitch: teachers.filter((t) => t.separation === 'no-switch').length,
      violated: teachers.filter((t) => t.separation === 'violated').length,
      medianEpsilon: median,
      teachers: teachers.map((t, i) => (i === 0 ? t : { ...t, points: undefined })),
    };
  },
};
