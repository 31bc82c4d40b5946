/**
 * A sweep protocol (THEORY.md §7 P1–P4) as the sweep runner sees it: a deterministic grid of cells,
 * each run as `trials` independent trials in chunks (trial ranges) that any worker can run, and a
 * deterministic merge of the chunks into the cell's output. Every trial is a pure function of
 * (seed, cell, trial), so the result does not depend on the number of workers, the chunking, the
 * shards or the order in which chunks finish.
 */

export const PROTOCOL_NAMES = ['P1', 'P2', 'P3', 'P4'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/** What one chunk returns: a JSON-able value. */
export type ChunkResult = Record<string, unknown>;

/** One cell's output: its parameters, `trials`, and the protocol's fields. */
export type CellOutput = Record<string, unknown> & { readonly trials: number };

export interface Protocol<Cell> {
  readonly name: ProtocolName;
  /** The default number of trials per cell. */
  readonly defaultTrials: number;
  /** Trials per chunk (one task for a worker). */
  readonly chunkSize: number;
  /** The whole grid, in a fixed order (a cell's index is its position). */
  cells(): readonly Cell[];
  /** Runs trials [from, to) of cell `index`. */
  runChunk(cell: Cell, index: number, seed: number, from: number, to: number): ChunkResult;
  /** Merges a cell's chunk results, given in trial order. */
  mergeCell(cell: Cell, index: number, trials: number, chunks: readonly ChunkResult[]): CellOutput;
  /** Protocol-level results over all cells (e.g. the fitted degree of P3). */
  summarize?(cells: readonly CellOutput[]): Record<string, unknown>;
}
