import { defineConfig } from '@playwright/test';

// Browsers come from the system (see chromium.ts): the fixtures launch them, so no `projects` here.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The browser-mode transport's checks do not apply to Electron, which has its own (src-main unit tests).
  testIgnore: process.env.NEURITE_E2E_ELECTRON === '1' ? ['security.spec.ts'] : [],
  workers: 1,
  retries: 0,
  reporter: 'list',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
