import { defineConfig } from 'vitest/config';

// Properties live in properties/<claim-id>.prop.ts, unit and CLI tests in test/. fast-check's own
// time limits are kept below testTimeout so that an interrupted property reports its seed.
export default defineConfig({
  test: {
    include: ['properties/**/*.prop.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
