/** The unit of work a sweep worker runs: trials [from, to) of one cell of one protocol. */
import { PROTOCOLS } from './protocols.ts';
import type { ChunkResult, ProtocolName } from './protocol.ts';

export interface ChunkTask {
  readonly protocol: ProtocolName;
  readonly index: number;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
}

export function runChunkTask(task: ChunkTask): ChunkResult {
  const protocol = PROTOCOLS[task.protocol];
  if (protocol === undefined) throw new RangeError(`unknown protocol ${task.protocol}`);
  const cell = protocol.cells()[task.index];
  if (cell === undefined) throw new RangeError(`protocol ${task.protocol} has no cell ${task.index}`);
  return protocol.runChunk(cell, task.index, task.seed, task.from, task.to);
}
