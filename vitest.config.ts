import { defineConfig } from 'vitest/config';

// One database for all test files, so files run one at a time; tests that change data restore it.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
