// Vitest configuration: unit tests run in node; browser and end-to-end tests drive Chromium and code-server themselves, so files run one at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // Property tests without a seed of their own take one seed (FUZZ_SEED; `random` to explore).
    setupFiles: ['test/support/fuzzSeed.ts'],
  },
});
