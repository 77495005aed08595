import { defineConfig } from '@playwright/test';

// Browsers come from the system (see chromium.ts): the fixtures launch them, so no `projects` here.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
