import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests (Node + fake-indexeddb) and the browser end-to-end suite.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'electron/**/*.test.ts'],
          exclude: ['renderer/e2e/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['./renderer/db/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['renderer/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['./renderer/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
