/**
 * A figure of the HTML report: which input it reads (a file of the report's input folder, validated
 * by a schema), which claims it is evidence for, and how it turns the input into a Vega-Lite
 * specification with a caption. An input without the data a figure needs (a shard without the
 * figure's cells, a sweep that reached nothing) gives `{ empty: reason }` instead of a plot.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { z } from 'zod';

export interface FigureContent {
  readonly spec: TopLevelSpec;
  /** What the plot shows, in one or two sentences (HTML-escaped by the page). */
  readonly caption: string;
}

export type FigureResult = FigureContent | { readonly empty: string };

export interface FigureDefinition<T> {
  /** The anchor of the figure in the page (`#<id>`). */
  readonly id: string;
  readonly title: string;
  /** The input file's name in the input folder. */
  readonly input: string;
  /** The command that writes the input. */
  readonly producedBy: string;
  readonly schema: z.ZodType<T>;
  /** The ids of the claims the figure is evidence for. */
  readonly claims: readonly string[];
  build(input: T): FigureResult;
}

/** A sweep output's common fields (src/experiments/sweep/run-sweep.ts SweepOutput). */
export interface SweepHeader {
  readonly seed: number;
  readonly trials: number;
  readonly shard?: string;
}

/** "seed 2019, 20 trials per cell" plus the shard when the input is one. */
export function sweepProvenance(h: SweepHeader): string {
  return `seed ${h.seed}, ${h.trials} trial${h.trials === 1 ? '' : 's'} per cell${h.shard === undefined ? '' : `, shard ${h.shard} only`}`;
}

