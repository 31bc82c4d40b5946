/**
 * The output of `shortcut-check bench`: a flat list of measurements, each a named quantity with
 * its parameters, its unit and its value (higher is better for rates, lower for times). The JSON
 * form is exactly `BenchEntry[]`; {@link benchEntriesSchema} validates it.
 */
import { z } from 'zod';

export type BenchParams = Readonly<Record<string, number | string>>;

export interface BenchEntry {
  readonly name: string;
  readonly params: BenchParams;
  readonly unit: string;
  readonly value: number;
}

export const benchEntriesSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
    unit: z.string().min(1),
    value: z.number(),
  }),
);

function formatValue(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const magnitude = Math.abs(x);
  return magnitude >= 1e6 || magnitude < 1e-3 ? x.toExponential(3) : x.toPrecision(4);
}

/** A plain-text table of the entries, one line each. */
export function formatBenchTable(entries: readonly BenchEntry[]): string {
  const params = (p: BenchParams): string =>
    Object.entries(p)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
  const rows = entries.map((e) => [e.name, params(e.params), formatValue(e.value), e.unit]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 4));
  return rows
    .map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3]}`)
    .join('\n');
}
