/**
 * Joins shard outputs of one sweep into the output a single run gives: same protocol, seed and
 * trials; the shards' cells, each exactly once, covering the whole grid; the summary recomputed.
 */
import { InputError } from '../../io/validation.ts';
import { assembleOutput, type IndexedCell, type SweepOutput } from './run-sweep.ts';
import { PROTOCOLS } from './protocols.ts';

export function mergeSweeps(parts: readonly { name: string; output: SweepOutput }[]): SweepOutput {
  if (parts.length === 0) throw new InputError('merge: no input files');
  const first = parts[0].output;
  const cells = new Map<number, IndexedCell>();
  for (const { name, output } of parts) {
    for (const key of ['protocol', 'seed', 'trials'] as const) {
      if (output[key] !== first[key]) {
        throw new InputError(`${name}: ${key} ${JSON.stringify(output[key])} differs from ${parts[0].name}'s ${JSON.stringify(first[key])}`);
      }
    }
    if (!Array.isArray(output.cells)) throw new InputError(`${name}: cells must be an array`);
    for (const cell of output.cells) {
      if (cells.has(cell.index)) throw new InputError(`${name}: cell ${cell.index} appears in two inputs`);
      cells.set(cell.index, cell);
    }
  }
  const protocol = PROTOCOLS[first.protocol];
  if (protocol === undefined) throw new InputError(`${parts[0].name}: unknown protocol ${JSON.stringify(first.protocol)}`);
  const total = protocol.cells().length;
  const missing = Array.from({ length: total }, (_, i) => i).filter((i) => !cells.has(i));
  if (missing.length > 0) throw new InputError(`merge: cells ${missing.join(', ')} are missing (a shard is absent)`);
  return assembleOutput(first.protocol, first.seed, first.trials, null, [...cells.values()]);
}
