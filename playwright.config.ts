import { defineConfig } from '@playwright/test';

// End-to-end tests load the production build (.output/chrome-mv3) into Chromium;
// `npm test` builds first. Each test gets a fresh profile, so two workers are
// as many as two cores carry (in CI too: one worker took over 20 minutes).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  fullyParallel: false,
  // One retry in CI, where two browsers share two cores: a pass on retry is printed as
  // "flaky" in the log, and each one found so far was a race in a test, fixed at its cause.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    headless: !process.env.HEADED,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
});
