import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * Runs the quickest test files first. Stryker stops a mutant's run at its first failing test, and
 * most mutants are killed by a unit test that takes milliseconds, so this order (vitest's own runs
 * the longest first, for parallel workers) saves whole property runs per killed mutant. Which
 * mutants are killed does not depend on the order. Files without a recorded duration run last,
 * in path order.
 */
class QuickestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const duration = (f: TestSpecification): number =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(root, f.moduleId)}`)?.duration ?? Infinity;
    return [...files].sort((a, b) => duration(a) - duration(b) || (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}

// The test set of the Stryker run (stryker.config.mjs): every property and unit test that imports
// the TypeScript sources, which is where Stryker places its mutants. Excluded:
// - test/cli/**: they spawn the compiled CLI under dist/, which is built from the unmutated
//   sources, so a mutant can neither fail nor pass them (they would only slow every run down);
// - test/browser/**: they drive a browser over a generated report, not the mutated modules;
// - properties/thm.*, properties/rebuttal.*, test/experiments/**: the theorem's and the
//   rebuttal's claims and the protocols' tests run whole GD experiments (seconds to minutes each,
//   several times that under instrumentation, and each surviving mutant would run all that cover
//   it). Without them a mutant that only they would kill counts as survived, so the scores of a
//   run are lower bounds for the whole suite's;
// - test/reliability/** and properties/cli.input-fuzzing.prop.ts: they drive the CLI in-process
//   with process.chdir, which worker threads (Stryker's vitest pool) do not support, and check
//   input validation rather than the mutated modules.
// Stryker's vitest runner overrides the pool (threads, one worker); the rest is vitest.config.ts.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/cli/**',
        'test/browser/**',
        'test/reliability/**',
        'properties/cli.input-fuzzing.prop.ts',
        'properties/thm.*.prop.ts',
        'properties/rebuttal.*.prop.ts',
        'test/experiments/**',
        'node_modules/**',
      ],
      sequence: { sequencer: QuickestFirstSequencer },
    },
  }),
);
