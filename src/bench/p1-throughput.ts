/**
 * The p1-trials benchmark: P1 trials per second (THEORY.md §7) of one cell, run exactly as
 * `shortcut-check sweep P1` runs them — chunks of the protocol's chunk size on the sweep's worker
 * pool (piscina, ../experiments/sweep/sweep-worker.ts), with the certified early exit — once with
 * one worker and once with all of them (os.availableParallelism(), what the sweep uses by
 * default). Parallel efficiency = rate(W) / (W · rate(1)), in wall-clock time, and the same ratio
 * in trials per CPU-second.
 *
 * A measurement runs trials 0 … N − 1 of the cell after a warm-up round on other trials (so the
 * workers' JIT is warm), three times; the median time counts.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ChunkResult } from '../experiments/sweep/protocol.ts';
import type { ChunkTask } from '../experiments/sweep/chunk-task.ts';
import { p1Protocol, type P1SweepCell } from '../experiments/sweep/p1-protocol.ts';
import { compiledModule } from '../util/compiled-module.ts';
import type { BenchEntry } from './bench-entry.ts';

const SEED = 2019;
/** The warm-up round uses trials from here on (disjoint from the measured ones). */
const WARMUP_FROM = 1_000_000;

/** The two cells of the issue: (k = p = 16, s = 1, β = 10, ResNet) and (k = p = 16, s = 1, β = 1, CNN). */
export const P1_BENCH_CELLS = [
  { k: 16, s: 1, beta: 10, wInit: 'resnet' },
  { k: 16, s: 1, beta: 1, wInit: 'cnn' },
] as const;

function cellIndex(k: number, s: number, beta: number, wInit: string): number {
  const index = p1Protocol.cells().findIndex((c: P1SweepCell) => c.k === k && c.s === s && c.beta === beta && c.wInit === wInit);
  if (index < 0) throw new RangeError(`P1 has no cell k=${k} s=${s} β=${beta} ${wInit}`);
  return index;
}

async function runTrials(pool: Piscina, index: number, from: number, count: number): Promise<void> {
  const tasks: Promise<ChunkResult>[] = [];
  for (let start = from; start < from + count; start += p1Protocol.chunkSize) {
    const task: ChunkTask = { protocol: 'P1', index, seed: SEED, from: start, to: Math.min(from + count, start + p1Protocol.chunkSize) };
    tasks.push(pool.run(task) as Promise<ChunkResult>);
  }
  await Promise.all(tasks);
}

interface Rates {
  /** Trials per second of wall-clock time. */
  readonly wall: number;
  /** Trials per second of CPU time of this process (all its threads). */
  readonly cpu: number;
}

/** Trials per second of the cell on a pool of `workers` threads (the round of median wall time). */
async function trialsPerSecond(index: number, workers: number, trials: number): Promise<Rates> {
  const pool = new Piscina({
    filename: compiledModule(import.meta.url, '../experiments/sweep/sweep-worker').href,
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    await runTrials(pool, index, WARMUP_FROM, Math.max(trials / 2, workers * p1Protocol.chunkSize * 2));
    const rounds: { ms: number; cpuMs: number }[] = [];
    for (let round = 0; round < 3; round++) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      await runTrials(pool, index, 0, trials);
      const used = process.cpuUsage(cpu);
      rounds.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 });
    }
    rounds.sort((x, y) => x.ms - y.ms);
    return { wall: trials / (rounds[1].ms / 1000), cpu: trials / (rounds[1].cpuMs / 1000) };
  } finally {
    await pool.destroy();
  }
}

/**
 * Rates with one worker and with all workers, and the parallel efficiency, for both cells. On a
 * shared machine the wall-clock efficiency measures the load as much as the code, so the CPU-time
 * efficiency (trials per CPU-second with W workers over that with one: the overhead of running in
 * parallel) is reported beside it.
 */
export async function p1TrialsEntries(trials: number): Promise<BenchEntry[]> {
  const all = availableParallelism();
  const entries: BenchEntry[] = [];
  for (const cell of P1_BENCH_CELLS) {
    const index = cellIndex(cell.k, cell.s, cell.beta, cell.wInit);
    const params = { k: cell.k, p: cell.k, s: cell.s, beta: cell.beta, init: cell.wInit, trials };
    const one = await trialsPerSecond(index, 1, trials);
    entries.push({ name: 'p1-trials', params: { ...params, workers: 1 }, unit: 'trials/s', value: one.wall });
    if (all > 1) {
      const many = await trialsPerSecond(index, all, trials);
      entries.push({ name: 'p1-trials', params: { ...params, workers: all }, unit: 'trials/s', value: many.wall });
      entries.push({ name: 'p1-parallel-efficiency', params: { ...params, workers: all, clock: 'wall' }, unit: 'ratio', value: many.wall / (all * one.wall) });
      entries.push({ name: 'p1-parallel-efficiency', params: { ...params, workers: all, clock: 'cpu' }, unit: 'ratio', value: many.cpu / one.cpu });
    }
  }
  return entries;
}
