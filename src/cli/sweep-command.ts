/**
 * `shortcut-check sweep P1|P2|P3|P4 [--trials N] [--workers N] [--shard i/n] [--seed N] [--out FILE]`
 * runs a protocol of THEORY.md §7 over its grid on a pool of worker threads (progress bar on a
 * terminal, plain lines otherwise; a killed sweep resumes from `<out>.partial.json`), and
 * `shortcut-check merge FILE… --out FILE` joins shard outputs into what a single run gives.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { mergeSweeps } from '../experiments/sweep/merge-sweeps.ts';
import { PROTOCOL_NAMES, type ProtocolName } from '../experiments/sweep/protocol.ts';
import { PROTOCOLS } from '../experiments/sweep/protocols.ts';
import {
  partialPath,
  runSweep,
  shardIndices,
  shardLabel,
  timingsPath,
  type Shard,
  type SweepOutput,
  type SweepProgress,
} from '../experiments/sweep/run-sweep.ts';
import { InputError, parseWith } from '../io/validation.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readJson } from './json-input.ts';
import { checkOutputFile, parseIntegerOption } from './options.ts';

/** The default seed of sweeps (any integer works; this one makes outputs comparable across runs). */
export const DEFAULT_SWEEP_SEED = 2019;

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count)) {
    throw new InputError(`--shard: must be i/n with 1 ≤ i ≤ n (got ${JSON.stringify(text)})`);
  }
  return { index, count };
}

function progressText(p: SweepProgress): string {
  const width = 24;
  const filled = Math.round((width * p.trialsDone) / Math.max(1, p.trialsTotal));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.cellsDone}/${p.cellsTotal} cells, ${p.trialsDone}/${p.trialsTotal} trials, ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

interface SweepCliOptions {
  trials?: number;
  workers?: number;
  shard?: Shard;
  seed?: number;
  out?: string;
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a reference protocol (P1–P4) over its grid, in parallel and optionally sharded')
    .argument('<protocol>', PROTOCOL_NAMES.join(' | '))
    .option('--trials <n>', 'trials per cell (default: the protocol\'s)', (v: string) => parseIntegerOption('--trials', v, 1, 10_000_000))
    .option('--workers <n>', 'worker threads (default: all cores)', (v: string) => parseIntegerOption('--workers', v, 1, 1024))
    .option('--shard <i/n>', 'run only shard i of n (cells i, i+n, …)', parseShard)
    .option('--seed <n>', `seed (default ${DEFAULT_SWEEP_SEED})`, (v: string) => parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1))
    .option('--out <file>', 'output JSON (default reports/sweep-<protocol>[-shard-i-of-n].json)')
    .action(async (name: string, o: SweepCliOptions) => {
      const protocolName = name.toUpperCase() as ProtocolName;
      if (!(PROTOCOL_NAMES as readonly string[]).includes(protocolName)) {
        throw new InputError(`protocol must be one of ${PROTOCOL_NAMES.join(', ')} (got ${JSON.stringify(name)})`);
      }
      const protocol = PROTOCOLS[protocolName];
      if (protocol === undefined) throw new InputError(`protocol ${protocolName} has no sweep yet`);
      const shardSuffix = o.shard === undefined ? '' : `-shard-${o.shard.index}-of-${o.shard.count}`;
      const out = o.out ?? `reports/sweep-${protocolName}${shardSuffix}.json`;
      const trials = o.trials ?? protocol.defaultTrials;
      const seed = o.seed ?? DEFAULT_SWEEP_SEED;
      checkOutputFile('--out', out);
      checkOutputFile('--out', timingsPath(out));
      checkPartialOutput(partialPath(out), { protocol: protocolName, seed, trials, shard: shardLabel(o.shard) }, protocol.cells().length, o.shard);
      const tty = process.stderr.isTTY === true;
      const output = await runSweep({
        protocol: protocolName,
        trials,
        workers: o.workers ?? availableParallelism(),
        seed,
        shard: o.shard,
        out,
        onProgress: (p) => {
          if (tty) process.stderr.write(`\r${progressText(p)}\u001b[K`);
          else if (p.cell !== undefined) process.stderr.write(`sweep ${protocolName}: cell ${p.cell.index} done (${p.cellsDone}/${p.cellsTotal}, ${(p.elapsedMs / 1000).toFixed(1)} s)\n`);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stderr.write(`sweep ${protocolName}: ${output.cells.length} cells written to ${out} (timings: ${timingsPath(out)})\n`);
    });

  program
    .command('merge')
    .description('join sharded sweep outputs into the output of a single run')
    .argument('<files...>', 'shard outputs')
    .requiredOption('--out <file>', 'merged output JSON')
    .action((files: string[], o: { out: string }) => {
      checkOutputFile('--out', o.out);
      const parts = files.map((name) => {
        const document = readJson(name);
        parseWith(sweepOutputSchema, document, name); // validates; the document keeps its key order
        return { name, output: document as SweepOutput };
      });
      const merged = mergeSweeps(parts);
      writeFileAtomic(o.out, `${JSON.stringify(merged, null, 2)}\n`);
      process.stderr.write(`merge: ${merged.cells.length} cells written to ${o.out}\n`);
    });
}

const sweepOutputSchema = z.looseObject({
  protocol: z.enum(PROTOCOL_NAMES),
  seed: z.number().int(),
  trials: z.number().int().positive(),
  shard: z.string().optional(),
  cells: z.array(z.looseObject({ index: z.number().int().nonnegative(), trials: z.number().int().positive() })),
});

const partialSchema = z.looseObject({
  config: z.looseObject({}),
  cells: z.array(z.looseObject({ index: z.number().int().nonnegative(), trials: z.number().int().positive() })),
});

/**
 * Checks a sweep's partial output (`<out>.partial.json`) before resuming from it: valid JSON of the
 * right shape and, when it belongs to this sweep (runSweep refuses one of another sweep with its
 * own message), cells of this shard of the grid, each once, each with this number of trials. A
 * damaged file is refused here, before any work, instead of failing later or being merged into the
 * output.
 */
function checkPartialOutput(path: string, config: Record<string, unknown>, cellCount: number, shard: Shard | undefined): void {
  checkOutputFile('--out', path);
  if (!existsSync(path)) return;
  const partial = parseWith(partialSchema, readJson(path), path);
  if (JSON.stringify(partial.config) !== JSON.stringify(config)) return;
  const ours = new Set(shardIndices(cellCount, shard));
  const seen = new Set<number>();
  partial.cells.forEach((cell, i) => {
    const where = `${path}.cells[${i}]`;
    if (!ours.has(cell.index)) throw new InputError(`${where}.index: cell ${cell.index} is not a cell of this sweep; delete the file to start over`);
    if (seen.has(cell.index)) throw new InputError(`${where}.index: cell ${cell.index} appears twice; delete the file to start over`);
    if (cell.trials !== config.trials) {
      throw new InputError(`${where}.trials: must be ${String(config.trials)} (got ${cell.trials}); delete the file to start over`);
    }
    seen.add(cell.index);
  });
}
