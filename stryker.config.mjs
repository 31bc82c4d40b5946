// Mutation testing (StrykerJS) of the numeric core, the reference, the optimizers, the theory
// objects and the claim checks. `npm run mutation` runs every mutant and rewrites the incremental
// file; `npm run mutation:incremental` re-tests only the mutants whose code or covering tests
// changed since that file was written (for local use; not part of every CI run).
// One module at a time: `npx stryker run --mutate src/model/angle-functions.ts`.
// Surviving mutants that are equivalent are listed, with the reason, in mutation/equivalent-mutants.md.

// The tests run in the `ci` profile (fixed seed): a mutant must be killed or survive the same way
// on every run. Stryker's test-runner processes inherit this environment.
process.env.CI = 'true';
process.env.SHORTCUT_PROFILE = 'ci';
delete process.env.SHORTCUT_SEED;
// Instrumented code runs several times slower: a claim whose time budget then ran out would say
// `inconclusive` in the dry run (seen: rebuttal.init-scale). Budgets are caps, not the measure of
// a check, so they are scaled up; the checks still end by their number of runs.
process.env.SHORTCUT_TIME_SCALE = '10';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // vitest.mutation.config.ts: the tests that import the TypeScript sources (not test/cli/**,
  // which spawns the compiled dist/ copy and so never sees a mutant).
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Every mutant of these modules is also reached outside a test (claim modules and test files
  // evaluate points and tables when they are imported), which makes Stryker treat it as "static"
  // and re-run the whole test set (minutes) for it. With ignoreStatic, such a mutant runs only the
  // tests that reach it, activated when they start; a mutant reached *only* at import (a
  // module-level constant) is reported as Ignored and reviewed by hand in
  // mutation/equivalent-mutants.md, never counted as killed.
  ignoreStatic: true,
  mutate: [
    'src/model/**/*.ts',
    'src/reference/**/*.ts',
    'src/optim/**/*.ts',
    'src/theory/**/*.ts',
    'src/claims/**/*.ts',
    // Declarations only: nothing to mutate.
    '!src/model/activations/activation.ts',
  ],
  // The incremental file is a local cache of the last run (reports/ is not committed): it depends on
  // the working tree it was made from, and committing it would conflict on every source change.
  // The committed record of the run is mutation/equivalent-mutants.md.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // Two cores, shared with other test runs: one test-runner process.
  concurrency: 1,
  // A mutant times out after 1.5 × its tests' unmutated time + timeoutMS. The machine is shared
  // (other test runs compete for its two cores), and with Stryker's default of 5 s slow-downs from
  // load were reported as timeouts, which count as killed: 60 s keeps a timeout meaning a loop
  // that does not end.
  timeoutMS: 60_000,
  // The first (unmutated) run of the whole test set takes several minutes on one thread.
  dryRunTimeoutMinutes: 30,
  // Files the sandbox does not need: build output, scratch work, generated reports, the sandboxes
  // of other Stryker runs (one per module batch may run at once, each with its own tempDirName).
  ignorePatterns: ['dist', 'scratch', 'reports', '.scratch-build', 'test/cli', 'test/browser', '.stryker-tmp*'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  // Stryker rewrites the sandbox's tsconfig `extends`/`references` through the TypeScript JS API,
  // which TypeScript 7 (the native tsc) no longer ships. tsconfig.json has neither, so it is copied
  // unchanged: this option names no file, which skips the rewrite (it is read by nothing else
  // without the TypeScript checker, which is not used).
  tsconfigFile: 'no-tsconfig-rewrite',
};
