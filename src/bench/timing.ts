/**
 * Timing of synchronous kernels on tinybench: warm-up (excluded), then repeated calls for a time
 * budget. The median latency is what a few slow calls (a garbage collection, another process
 * taking the core for a moment) do not move; the minimum is the closest to the uncontended speed
 * on a loaded machine, and is what comparisons against the C baseline use. Each call should take
 * from about 0.1 to 10 ms, so that the timer's resolution and overhead do not matter.
 */
import { Bench } from 'tinybench';

export interface TimingBudget {
  /** Measured time per task (ms). */
  readonly timeMs: number;
  /** Warm-up time per task (ms). */
  readonly warmupMs: number;
}

export interface Latency {
  /** Median and minimum time of one call (ms). */
  readonly medianMs: number;
  readonly minMs: number;
}

/** The latency of one call of `task`. Throws if the task throws. */
export async function latency(name: string, task: () => void, budget: TimingBudget): Promise<Latency> {
  const bench = new Bench({ time: budget.timeMs, warmupTime: budget.warmupMs, iterations: 5, warmupIterations: 3, throws: true });
  bench.add(name, task, { async: false });
  await bench.run();
  const result = bench.tasks[0].result;
  if (result.state !== 'completed') throw new Error(`bench task ${name} did not complete (${result.state})`);
  return { medianMs: result.latency.p50, minMs: result.latency.min };
}

/** The median time (ms) of one call of `task`. */
export async function medianMs(name: string, task: () => void, budget: TimingBudget): Promise<number> {
  return (await latency(name, task, budget)).medianMs;
}
