import { defineConfig } from 'vitest/config';

// TICKCAST_TEST_REPORT=path adds a JSON report that .ci/run reads for its closing summary line.
const jsonReport = process.env.TICKCAST_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});
