/**
 * A figure of the HTML report: which input it reads (a file of the report's input folder, validated
 * by a schema), which claims it is evidence for, and how it turns the input into a Vega-Lite
 * specification with a caption. An input without the data a figure needs (a shard without the
 * figure's cells, a sweep that reached nothing) gives `{ empty: reason }` instead of a plot.
 */
import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';

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


/**
 * The part of reports/verify.json a figure drawn from a claim's details reads: the run's seed and
 * profile and, per claim, its id and details (validated further by the figure).
 */
export const verifyDetailsSchema = z.looseObject({
  seed: z.number().int(),
  profile: z.string(),
  claims: z.array(z.looseObject({ id: z.string(), verdict: z.string(), details: z.record(z.string(), z.unknown()).optional() })),
});

export type VerifyDetails = z.output<typeof verifyDetailsSchema>;

/**
 * The details of claim `id` in a verify report, parsed by `schema`; `{ empty }` when the report
 * does not hold the claim (a `verify --only` run without it) or its details do not match.
 */
export function claimDetails<T>(
  report: VerifyDetails,
  id: string,
  schema: z.ZodType<T>,
): { readonly ok: true; readonly value: T; readonly verdict: string } | { readonly ok: false; readonly empty: string } {
  const claim = report.claims.find((c) => c.id === id);
  if (claim === undefined) return { ok: false, empty: `the report has no result for ${id} (run \`shortcut-check verify\` without --only, or with --only ${id})` };
  const parsed = schema.safeParse(claim.details);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, empty: `the details of ${id} lack the data of this figure (${issue.path.join('.') || 'details'}: ${issue.message})` };
  }
  return { ok: true, value: parsed.data, verdict: claim.verdict };
}

/** "profile ci, seed 7" of a verify report. */
export function verifyProvenance(report: VerifyDetails): string {
  return `verify, profile ${report.profile}, seed ${report.seed}`;
}
