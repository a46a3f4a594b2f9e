import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // The lean outbox checks every queued write reads back as written (electron/core/domain/context.ts appendOutbox).
    env: { HOTLINE_OUTBOX_CHECK: '1' },
    // tests/unit and tests/integration, plus tests kept beside the logic they
    // test (house style) in the Node-side folders.
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'shared/**/*.test.ts', 'electron/**/*.test.ts', 'server/**/*.test.ts', 'tests/server/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'tests/e2e/**'],
    // Integration tests start worker threads and write data folders.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
