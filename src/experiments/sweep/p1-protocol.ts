/**
 * P1 (THEORY.md §7): success rates. The grid is the union of
 * - grid A: k = p ∈ {4, 16, 64}, s ∈ {0.5, 1, 2}, β ∈ {0.1, 1, 10}, α = 1, init ∈ {ResNet, CNN};
 * - grid B: k = p ∈ {2, 4, …, 128} for (ResNet, s = 1, β = 10) and (CNN, s = 1, β = 1);
 * without the cells B shares with A. a_0 is uniform in the ball, T = 20000.
 *
 * Trials of cells with the same (k, s) share their teacher and a_0 (and the CNN cells their w_0):
 * the trial streams are indexed by the (k, s) group, not by the cell, so comparisons across β and
 * init are paired. Each cell reports the counts of the four outcomes and Wilson 95% intervals.
 * Trials run with the certified early exit of ../p1-trial.ts, which changes neither outcomes nor
 * step counts (only the time: a run that ends spurious stops once the outcome is proved).
 */
import { p1Trial, type P1Cell } from '../p1-trial.ts';
import { wilsonInterval } from '../../stats/wilson.ts';
import type { CellOutput, ChunkResult, Protocol } from './protocol.ts';

export interface P1SweepCell extends P1Cell {
  /** The (k, s) group whose trial streams the cell uses. */
  readonly group: number;
  /** Which grid(s) of §7 the cell belongs to. */
  readonly grids: readonly ('A' | 'B')[];
}

const GRID_A_K = [4, 16, 64];
const GRID_A_S = [0.5, 1, 2];
const GRID_A_BETA = [0.1, 1, 10];
const GRID_B_K = [2, 4, 8, 16, 32, 64, 128];

function p1Cells(): P1SweepCell[] {
  const cells: P1SweepCell[] = [];
  const groups = new Map<string, number>();
  const group = (k: number, s: number): number => {
    const key = `${k}/${s}`;
    if (!groups.has(key)) groups.set(key, groups.size);
    return groups.get(key) as number;
  };
  const add = (k: number, s: number, beta: number, wInit: 'resnet' | 'cnn', grid: 'A' | 'B'): void => {
    const existing = cells.find((c) => c.k === k && c.s === s && c.beta === beta && c.wInit === wInit);
    if (existing !== undefined) {
      (existing.grids as ('A' | 'B')[]).push(grid);
      return;
    }
    cells.push({ p: k, k, s, alpha: 1, beta, aInit: 'ball', wInit, group: group(k, s), grids: [grid] });
  };
  for (const k of GRID_A_K) for (const s of GRID_A_S) for (const beta of GRID_A_BETA) for (const w of ['resnet', 'cnn'] as const) add(k, s, beta, w, 'A');
  for (const k of GRID_B_K) {
    add(k, 1, 10, 'resnet', 'B');
    add(k, 1, 1, 'cnn', 'B');
  }
  return cells;
}

const CELLS = p1Cells();

export const p1Protocol: Protocol<P1SweepCell> = {
  name: 'P1',
  defaultTrials: 2000,
  chunkSize: 50,
  cells: () => CELLS,
  runChunk(cell, _index, seed, from, to) {
    let global = 0;
    let spurious = 0;
    let undecided = 0;
    let diverged = 0;
    let steps = 0;
    for (let trial = from; trial < to; trial++) {
      const r = p1Trial(cell, seed, cell.group, trial, { certify: true });
      steps += r.steps;
      if (r.outcome === 'global') global++;
      else if (r.outcome === 'spurious') spurious++;
      else if (r.outcome === 'undecided') undecided++;
      else diverged++;
    }
    return { global, spurious, undecided, diverged, steps };
  },
  mergeCell(cell, _index, trials, chunks): CellOutput {
    const sum = (key: string): number => chunks.reduce((s, c) => s + (c[key] as number), 0);
    const global = sum('global');
    const spurious = sum('spurious');
    const g = wilsonInterval(global, trials);
    const sp = wilsonInterval(spurious, trials);
    return {
      k: cell.k,
      p: cell.p,
      s: cell.s,
      alpha: cell.alpha,
      beta: cell.beta,
      init: cell.wInit,
      grids: [...cell.grids],
      trials,
      global,
      spurious,
      undecided: sum('undecided'),
      diverged: sum('diverged'),
      ciLow: g.lower,
      ciHigh: g.upper,
      spuriousCiLow: sp.lower,
      spuriousCiHigh: sp.upper,
      meanSteps: sum('steps') / trials,
    };
  },
};
