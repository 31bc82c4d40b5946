/** The worker-thread entry point of the sweep pool (piscina calls the default export per task). */
import { runChunkTask, type ChunkTask } from './chunk-task.ts';
import type { ChunkResult } from './protocol.ts';

export default function sweepWorker(task: ChunkTask): ChunkResult {
  return runChunkTask(task);
}
