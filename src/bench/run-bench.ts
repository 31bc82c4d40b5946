/**
 * `shortcut-check bench`: the measurements of PERFORMANCE.md, in this order —
 * gd-step (k = p ∈ {16, 256, 4096}, plus 64 and 1024 for the scaling fit in the full run) beside
 * the C baseline, batch-gradient, reference-eval, eval (1000 points), p1-trials (one worker and all workers), and the
 * ci suite per claim (full run only: it takes minutes). `quick` shortens every timing budget so
 * that the whole run takes well under a minute.
 */
import { cpus, loadavg } from 'node:os';
import type { BenchEntry } from './bench-entry.ts';
import { compileCBaseline } from './c-baseline.ts';
import { gdStepEntries, measureGdStep, type GdStepMeasurement } from './gd-step.ts';
import { batchGradientEntry, evalEntry, referenceEvalEntry } from './kernels.ts';
import { p1TrialsEntries } from './p1-throughput.ts';
import { suiteEntries } from './suite.ts';
import type { TimingBudget } from './timing.ts';

export interface BenchOptions {
  readonly quick: boolean;
  /** Progress lines (to stderr in the CLI). */
  readonly log: (line: string) => void;
}

/** Where the figures come from, for the log and PERFORMANCE.md. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

export async function runBench(o: BenchOptions): Promise<BenchEntry[]> {
  const budget: TimingBudget = o.quick ? { timeMs: 300, warmupMs: 150 } : { timeMs: 2000, warmupMs: 500 };
  o.log(`bench: ${o.quick ? 'quick' : 'full'} run on ${machineDescription()}`);
  const entries: BenchEntry[] = [];

  const c = compileCBaseline();
  if ('unavailable' in c) o.log(`bench: no C baseline: ${c.unavailable}`);
  const baseline = 'unavailable' in c ? undefined : c;
  const sizes = o.quick ? [16, 256, 4096] : [16, 64, 256, 1024, 4096];
  const measurements: GdStepMeasurement[] = [];
  try {
    for (const n of sizes) {
      const m = await measureGdStep(n, budget, baseline);
      if (m.c !== undefined && !(m.c.lossAgreement <= 1e-6)) {
        o.log(`bench: warning: the C baseline's final loss differs from ours by ${m.c.lossAgreement} (relative) at k = p = ${n}`);
      }
      measurements.push(m);
      o.log(`bench: gd-step k = p = ${n}: ${m.stepsPerSecond.toPrecision(4)} steps/s${m.c === undefined ? '' : `, C ${m.c.stepsPerSecond.toPrecision(4)}`}`);
    }
  } finally {
    baseline?.dispose();
  }
  entries.push(...gdStepEntries(measurements, baseline?.compiler));

  entries.push(await batchGradientEntry(budget));
  o.log('bench: batch-gradient done');
  entries.push(await referenceEvalEntry(budget));
  o.log('bench: reference-eval done');
  entries.push(await evalEntry(budget));
  entries.push(await evalEntry(budget, true));
  o.log('bench: eval done');
  entries.push(...(await p1TrialsEntries(o.quick ? 400 : 2000)));
  o.log('bench: p1-trials done');

  if (o.quick) {
    o.log('bench: suite skipped (--quick; the ci suite takes minutes)');
  } else {
    entries.push(...suiteEntries((id, s) => o.log(`bench: suite ${id}: ${s.toFixed(1)} s`)));
  }
  return entries;
}
