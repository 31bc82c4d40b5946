/**
 * `shortcut-check report [--in DIR] [--out FILE] [--seed N]`: writes the self-contained HTML report
 * (src/report/html-report.ts) from DIR's verify.json and sweep-P1…P4.json (default reports/) to FILE
 * (default DIR/report.html). Missing or invalid inputs are named in the page and on stderr; the
 * report is written all the same (exit 0). The basin map is computed here (a few seconds), its
 * teacher drawn from --seed (default: the sweeps' default seed).
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BASIN_MAP_DEFAULTS, basinMap } from '../experiments/basin-map.ts';
import { InputError } from '../io/validation.ts';
import type { ReportInput } from '../report/html-report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { readJson } from './json-input.ts';
import { parseIntegerOption } from './options.ts';
import { DEFAULT_SWEEP_SEED } from './sweep-command.ts';

interface ReportCliOptions {
  in: string;
  out?: string;
  seed?: number;
}

/** A file of the input folder as the report sees it. */
function readInput(dir: string, file: string): ReportInput {
  const path = join(dir, file);
  if (!existsSync(path)) return { state: 'missing' };
  try {
    return { state: 'ok', value: readJson(path) };
  } catch (error) {
    return { state: 'invalid', message: (error as Error).message };
  }
}

export async function runReport(o: ReportCliOptions): Promise<void> {
  if (!existsSync(o.in) || !statSync(o.in).isDirectory()) throw new InputError(`--in: no such folder ${JSON.stringify(o.in)}`);
  const out = o.out ?? join(o.in, 'report.html');
  const start = performance.now();
  const basin = basinMap({ ...BASIN_MAP_DEFAULTS, seed: o.seed ?? DEFAULT_SWEEP_SEED });
  // Vega and Vega-Lite load only when a report is made (they double the CLI's start-up time).
  const { renderHtmlReport } = await import('../report/html-report.ts');
  const report = await renderHtmlReport({ inDir: o.in, read: (file) => readInput(o.in, file), basin });
  writeFileAtomic(out, report.html);
  for (const problem of report.problems) process.stderr.write(`report: ${problem}\n`);
  process.stderr.write(
    `report: ${report.drawn.length} plots written to ${out} (${((performance.now() - start) / 1000).toFixed(1)} s)\n`,
  );
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the self-contained HTML report (verdicts, P1–P4 plots, basin map)')
    .option('--in <dir>', 'folder with verify.json and sweep-P1…P4.json', 'reports')
    .option('--out <file>', 'output HTML (default: <dir>/report.html)')
    .option('--seed <n>', `seed of the basin map's teacher (default ${DEFAULT_SWEEP_SEED})`, (v: string) =>
      parseIntegerOption('--seed', v, -(2 ** 31), 2 ** 31 - 1),
    )
    .action(async (o: ReportCliOptions) => {
      await runReport(o);
    });
}
