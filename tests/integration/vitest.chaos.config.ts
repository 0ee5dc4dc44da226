import { defineConfig } from 'vitest/config';

// The long reliability profile (20k events through the fault proxy, more crashes, ≥ 100k fuzz cases per
// target). Run with `pnpm run test:chaos` from the repository root (builds first: the worker and server child
// processes run the built packages). The default `vitest run` runs the same suites with the small `ci` profile.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name: 'integration-chaos',
    include: ['test/chaos/**/*.test.ts', 'test/security/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    env: { VODMNS_CHAOS_PROFILE: 'long' },
    // one suite at a time: they measure and crash things on a 2-core machine
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
