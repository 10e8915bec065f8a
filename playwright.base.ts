import type { PlaywrightTestConfig } from '@playwright/test';

/**
 * What the Chromium and the Firefox suites share, so the two configs say only where they differ
 * (browser, folder, workers). Both run the production build, one test file at a time.
 */
export const sharedConfig = {
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // One retry in CI, where two browsers share two cores: a pass on retry is printed as
  // "flaky" in the log, and each one found so far was a race in a test, fixed at its cause.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
} satisfies PlaywrightTestConfig;
