/**
 * Runs a sweep: the cells of a protocol (or of one shard of it) over a pool of worker threads
 * (piscina), chunk by chunk. After each finished cell the partial output `<out>.partial.json` is
 * rewritten atomically, so a killed sweep resumes without redoing finished cells. The final output
 * holds only deterministic values (timings go to `<out minus .json>.timings.json`), so the same
 * seed gives the same bytes whatever the workers, the chunking or the shards.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { Piscina } from 'piscina';
import { InputError } from '../../io/validation.ts';
import { dirname } from 'node:path';
import { removeStaleTemporaries, writeFileAtomic } from '../../util/atomic-write.ts';
import { compiledModule } from '../../util/compiled-module.ts';
import type { ChunkTask } from './chunk-task.ts';
import type { CellOutput, ChunkResult, ProtocolName } from './protocol.ts';
import { PROTOCOLS } from './protocols.ts';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export interface SweepOptions {
  readonly protocol: ProtocolName;
  readonly trials: number;
  readonly workers: number;
  readonly seed: number;
  readonly out: string;
  readonly shard?: Shard;
  readonly onProgress?: (p: SweepProgress) => void;
}

export interface SweepProgress {
  readonly cellsDone: number;
  readonly cellsTotal: number;
  readonly trialsDone: number;
  readonly trialsTotal: number;
  readonly elapsedMs: number;
  /** The cell just finished, if any. */
  readonly cell?: CellOutput & { index: number };
}

export type IndexedCell = CellOutput & { readonly index: number };

export interface SweepOutput {
  protocol: ProtocolName;
  seed: number;
  trials: number;
  /** "i/n" for a shard's output; absent for a whole run (or a merge). */
  shard?: string;
  cells: IndexedCell[];
  /** Protocol-level results, for a whole run only. */
  summary?: Record<string, unknown>;
}

interface Partial {
  config: { protocol: ProtocolName; seed: number; trials: number; shard: string | null };
  cells: IndexedCell[];
}

export function shardLabel(shard: Shard | undefined): string | null {
  return shard === undefined ? null : `${shard.index}/${shard.count}`;
}

/** The cell indices of a shard: index ≡ shard.index − 1 (mod shard.count). */
export function shardIndices(total: number, shard: Shard | undefined): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return shard === undefined ? all : all.filter((i) => i % shard.count === shard.index - 1);
}

export function partialPath(out: string): string {
  return `${out}.partial.json`;
}

export function timingsPath(out: string): string {
  return `${out.replace(/\.json$/, '')}.timings.json`;
}

function readPartial(path: string, config: Partial['config']): Map<number, IndexedCell> {
  const done = new Map<number, IndexedCell>();
  if (!existsSync(path)) return done;
  let partial: Partial;
  try {
    partial = JSON.parse(readFileSync(path, 'utf8')) as Partial;
  } catch (error) {
    throw new InputError(`${path}: unreadable partial output (${(error as Error).message.split('\n')[0]}); delete it to start over`);
  }
  if (JSON.stringify(partial.config) !== JSON.stringify(config)) {
    throw new InputError(
      `${path}: partial output of a different sweep (${JSON.stringify(partial.config)}); delete it or choose another --out`,
    );
  }
  for (const cell of partial.cells) done.set(cell.index, cell);
  return done;
}

/** Assembles the output document (cells sorted by index; summary for a whole grid). */
export function assembleOutput(
  protocol: ProtocolName,
  seed: number,
  trials: number,
  shard: string | null,
  cells: readonly IndexedCell[],
): SweepOutput {
  const def = PROTOCOLS[protocol];
  if (def === undefined) throw new InputError(`unknown protocol ${protocol}`);
  const sorted = [...cells].sort((x, y) => x.index - y.index);
  const output: SweepOutput = { protocol, seed, trials, cells: sorted };
  if (shard !== null) output.shard = shard;
  else if (def.summarize !== undefined) output.summary = def.summarize(sorted);
  return output;
}

export async function runSweep(o: SweepOptions): Promise<SweepOutput> {
  const protocol = PROTOCOLS[o.protocol];
  if (protocol === undefined) throw new InputError(`unknown protocol ${o.protocol}`);
  const start = performance.now();
  const cells = protocol.cells();
  const indices = shardIndices(cells.length, o.shard);
  const config: Partial['config'] = { protocol: o.protocol, seed: o.seed, trials: o.trials, shard: shardLabel(o.shard) };
  const partialFile = partialPath(o.out);
  removeStaleTemporaries(dirname(o.out));
  const done = readPartial(partialFile, config);
  const pending = indices.filter((i) => !done.has(i));
  const trialsTotal = indices.length * o.trials;
  let trialsDone = done.size * o.trials;
  const cellTimes: { index: number; ms: number }[] = [];
  const report = (cell?: IndexedCell): void =>
    o.onProgress?.({
      cellsDone: done.size,
      cellsTotal: indices.length,
      trialsDone,
      trialsTotal,
      elapsedMs: performance.now() - start,
      cell,
    });
  report();
  if (pending.length > 0) {
    const pool = new Piscina({
      filename: compiledModule(import.meta.url, './sweep-worker').href,
      minThreads: o.workers,
      maxThreads: o.workers,
      idleTimeout: 1000,
    });
    try {
      await Promise.all(
        pending.map(async (index) => {
          const cellStart = performance.now();
          const tasks: Promise<ChunkResult>[] = [];
          for (let from = 0; from < o.trials; from += protocol.chunkSize) {
            const to = Math.min(o.trials, from + protocol.chunkSize);
            const task: ChunkTask = { protocol: o.protocol, index, seed: o.seed, from, to };
            tasks.push(
              (pool.run(task) as Promise<ChunkResult>).then((r) => {
                trialsDone += to - from;
                return r;
              }),
            );
          }
          const results = await Promise.all(tasks);
          const output: IndexedCell = { index, ...protocol.mergeCell(cells[index], index, o.trials, results) };
          done.set(index, output);
          cellTimes.push({ index, ms: performance.now() - cellStart });
          writeFileAtomic(partialFile, `${JSON.stringify({ config, cells: [...done.values()] })}\n`);
          report(output);
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  const output = assembleOutput(o.protocol, o.seed, o.trials, config.shard, [...done.values()]);
  writeFileAtomic(o.out, `${JSON.stringify(output, null, 2)}\n`);
  writeFileAtomic(
    timingsPath(o.out),
    `${JSON.stringify({ protocol: o.protocol, seed: o.seed, trials: o.trials, workers: o.workers, totalMs: performance.now() - start, resumedCells: indices.length - pending.length, cells: cellTimes.sort((x, y) => x.index - y.index) }, null, 2)}\n`,
  );
  if (existsSync(partialFile)) unlinkSync(partialFile);
  return output;
}
