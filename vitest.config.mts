import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside a React Server environment; tests are server code by definition.
      { find: /^server-only$/, replacement: path.join(root, 'tests/support/server-only-stub.ts') },
    ],
  },
  test: {
    // In CI each run also writes a JSON report, which .ci/summarise.mjs adds up into one closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: `.ci-reports/vitest-${process.pid}-${Date.now()}.json` }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
