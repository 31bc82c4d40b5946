/**
 * `shortcut-check bench [--json] [--quick]`: the performance measurements of PERFORMANCE.md
 * (src/bench/run-bench.ts). Prints a table, or with --json the entries
 * `[{"name", "params", "unit", "value"}, …]` on stdout; progress goes to stderr.
 */
import type { Command } from 'commander';
import { formatBenchTable } from '../bench/bench-entry.ts';
import { runBench } from '../bench/run-bench.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('measure the kernels, the P1 trial rate and the ci suite (see PERFORMANCE.md)')
    .option('--json', 'print the entries as JSON')
    .option('--quick', 'short timing budgets and no suite (under a minute)')
    .action(async (o: { json?: boolean; quick?: boolean }) => {
      const entries = await runBench({ quick: o.quick === true, log: (line) => process.stderr.write(`${line}\n`) });
      process.stdout.write(o.json === true ? `${JSON.stringify(entries, null, 2)}\n` : `${formatBenchTable(entries)}\n`);
    });
}
